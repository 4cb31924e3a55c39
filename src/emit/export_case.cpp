// 1EdTech CASE 1.0 packages. A suite (or a standard without one) is a CFDocument; the standard, each
// group heading and each item are CFItems, tied by isChildOf associations (child to parent); "Links to
// other NOS" are isRelatedTo associations and an Original URN that differs from the URN is an
// exactMatchOf. Every identifier is a UUID v5 of a name made of the URN and the item's place
// ("urn:nos:PPLHSL12#performance_criteria/P3"), so a standard exported twice, or in two packages, keeps
// its identifiers; a link to a standard outside the package points at the identifier that standard's
// own export gives it. URIs are the identifiers as "urn:uuid:" URIs, as there is no CASE server.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "emit/export_formats.hpp"
#include "util/uuid.hpp"
#include "validate/helpers.hpp"

namespace nos {
namespace {

using Json = nlohmann::ordered_json;

// When a standard gives no date it can be read from, its items carry this one, so output stays the same
// from run to run.
constexpr const char* kNoDate = "1970-01-01T00:00:00+00:00";

std::string standard_name(const Document& doc) {
  return "urn:nos:" + doc.urn.value_or("file:" + doc.source.path);
}

// Two standards with one URN (a defect `nos check` reports) would share every identifier; the second
// and later are named by their path as well, so the export stays valid.
std::string unique_name(const Document& doc, std::set<std::string>& taken) {
  std::string name = standard_name(doc);
  if (!taken.insert(name).second) {
    name += "@" + doc.source.path;
    for (int n = 2; !taken.insert(name).second; ++n)
      name = standard_name(doc) + "@" + doc.source.path + "#" + std::to_string(n);
  }
  return name;
}

std::string uuid_of(const std::string& name) { return uuid_v5(kUuidUrlNamespace, name); }

// {title, identifier, uri}: CASE's LinkGenURI.
Json link(const std::string& title, const std::string& identifier) {
  return Json{{"title", title}, {"identifier", identifier}, {"uri", "urn:uuid:" + identifier}};
}

std::string approved_at(const Document& doc) {
  const MetadataField* f = doc.field("date_approved");
  std::optional<rules::Date> d = f && f->value ? rules::parse_date(*f->value) : std::nullopt;
  if (!d) return kNoDate;
  return fmt::format("{:04}-{:02}-{:02}T00:00:00+00:00", d->year, d->month, d->day == 0 ? 1 : d->day);
}

std::string field_value(const Document& doc, const char* key) {
  const MetadataField* f = doc.field(key);
  return f && f->value ? *f->value : "";
}

class Package {
 public:
  explicit Package(const Grammar& grammar) : grammar_(grammar) {}

  // `name` is the standard's own (standard_name), or for a second standard with the same URN one made
  // unique with its path.
  void add(const Document& doc, const std::string& name) {
    const std::string date = approved_at(doc);
    if (date > latest_) latest_ = date;
    const std::string title = doc.title.value_or(doc.urn.value_or(doc.source.path));
    Json standard = item(name, title, "Standard", date);
    if (doc.urn) standard["humanCodingScheme"] = *doc.urn;
    if (const Section* overview = doc.section("overview"); overview && overview->present)
      standard["notes"] = overview->text();
    items_.push_back(std::move(standard));
    const Json standard_link = link(title, uuid_of(name));
    associate("isChildOf", items_.back(), document_link(), ++standards_);

    int child = 0;  // the standard's children in document order, over all its sections
    for (const auto& s : doc.sections) {
      if (s.kind != SectionKind::Items || !s.present) continue;
      const std::string type = section_title(grammar_, s.key);
      for (std::size_t g = 0; g < s.groups.size(); ++g) {
        const Group& group = s.groups[g];
        Json parent = standard_link;
        if (group.heading) {
          items_.push_back(
              item(fmt::format("{}#{}/group{}", name, s.key, g + 1), *group.heading, "Group", date));
          associate("isChildOf", items_.back(), standard_link, ++child);
          parent = link(*group.heading, items_.back()["identifier"]);
        }
        for (std::size_t i = 0; i < group.items.size(); ++i) {
          const Item& it = group.items[i];
          std::string place =
              it.id().empty() ? fmt::format("group{}/item{}", g + 1, i + 1) : std::string(it.id());
          Json criterion =
              item(fmt::format("{}#{}/{}", name, s.key, place), std::string(it.text()), type, date);
          if (!it.id().empty())
            criterion["humanCodingScheme"] = std::string(it.id());  // "P3", whether printed "PC3" or "3."
          if (it.numbered()) criterion["listEnumeration"] = std::to_string(it.number);
          items_.push_back(std::move(criterion));
          associate("isChildOf", items_.back(), parent, group.heading ? static_cast<int>(i) + 1 : ++child);
        }
      }
    }
    Json origin = standard_link;
    for (const auto& urn : linked_urns(doc, grammar_))
      associate("isRelatedTo", origin, link(urn, uuid_of("urn:nos:" + urn)), 0);
    const std::string original = field_value(doc, "original_urn");
    if (!original.empty() && doc.urn && original != *doc.urn)
      associate("exactMatchOf", origin, link(original, uuid_of("urn:nos:" + original)), 0);
  }

  Json finish(const std::string& title, const std::string& creator, const std::string& publisher) const {
    Json document{{"identifier", document_id_},
                  {"uri", "urn:uuid:" + document_id_},
                  {"creator", creator.empty() ? "unknown" : creator},
                  {"title", title},
                  {"lastChangeDateTime", latest_}};
    if (!publisher.empty()) document["publisher"] = publisher;
    document["notes"] = fmt::format("{} National Occupational Standard{}, exported by nos", standards_,
                                    standards_ == 1 ? "" : "s");
    Json types = Json::array();
    for (const auto& [type, id] : types_)
      types.push_back(Json{{"identifier", id},
                           {"uri", "urn:uuid:" + id},
                           {"title", type},
                           {"description", type + " of a National Occupational Standard"},
                           {"hierarchyCode", type},
                           {"lastChangeDateTime", kNoDate}});
    return Json{{"CFDocument", document},
                {"CFItems", items_},
                {"CFAssociations", associations_},
                {"CFDefinitions", Json{{"CFItemTypes", types}}}};
  }

  void name_document(const std::string& name, const std::string& title) {
    document_id_ = uuid_of(name);
    document_title_ = title;
  }

 private:
  Json document_link() const { return link(document_title_, document_id_); }

  Json item(const std::string& name, const std::string& statement, const std::string& type,
            const std::string& date) {
    const std::string id = uuid_of(name);
    auto [at, added] = types_.emplace(type, "");
    if (added) at->second = uuid_of("urn:nos:type:" + type);
    return Json{{"identifier", id},
                {"uri", "urn:uuid:" + id},
                {"fullStatement", statement.empty() ? "(no text)" : statement},
                {"CFItemType", type},
                {"CFItemTypeURI", link(type, at->second)},
                {"lastChangeDateTime", date}};
  }

  // `from` is a CFItem or a link to one; its title is its statement or title.
  void associate(const char* type, const Json& from, const Json& to, int sequence) {
    const std::string from_id = from["identifier"];
    std::string from_title = from.contains("fullStatement") ? from["fullStatement"] : from["title"];
    const std::string to_id = to["identifier"];
    const std::string id = uuid_of(fmt::format("urn:nos:association:{}:{}:{}", from_id, type, to_id));
    Json a{{"identifier", id}, {"associationType", type}, {"uri", "urn:uuid:" + id}};
    if (sequence > 0) a["sequenceNumber"] = sequence;
    a["originNodeURI"] = link(from_title, from_id);
    a["destinationNodeURI"] = to;
    a["lastChangeDateTime"] =
        from.contains("lastChangeDateTime") ? from["lastChangeDateTime"] : Json(latest_);
    associations_.push_back(std::move(a));
  }

  const Grammar& grammar_;
  std::string document_id_;
  std::string document_title_;
  std::string latest_ = kNoDate;
  int standards_ = 0;
  Json items_ = Json::array();
  Json associations_ = Json::array();
  std::map<std::string, std::string> types_;  ///< CFItemType title to identifier
};

}  // namespace

std::vector<ExportFile> export_case(const std::vector<Document>& docs, const Grammar& grammar) {
  // Suites in the order their first standard comes; a standard without a suite is its own package.
  std::vector<std::pair<std::string, std::vector<const Document*>>> suites;
  for (const auto& doc : docs) {
    std::string suite = field_value(doc, "suite");
    auto at = std::find_if(suites.begin(), suites.end(),
                           [&](const auto& s) { return !suite.empty() && s.first == suite; });
    if (at == suites.end()) {
      suites.push_back({suite, {}});
      at = suites.end() - 1;
    }
    at->second.push_back(&doc);
  }
  std::vector<ExportFile> out;
  std::vector<std::string> taken;
  std::set<std::string> names;
  for (const auto& [suite, members] : suites) {
    const Document& first = *members.front();
    Package package(grammar);
    std::string title = suite.empty() ? first.title.value_or(first.urn.value_or(first.source.path)) : suite;
    std::vector<std::string> member_names;
    for (const Document* doc : members) member_names.push_back(unique_name(*doc, names));
    package.name_document(suite.empty() ? member_names.front() + "#document" : "urn:nos:suite:" + suite,
                          title);
    for (std::size_t i = 0; i < members.size(); ++i) package.add(*members[i], member_names[i]);
    Json json = package.finish(title, field_value(first, "developed_by"),
                               field_value(first, "originating_organisation"));
    std::string stem;
    if (suite.empty()) {
      stem = export_stem(first, taken);
    } else {
      Document named;  // the suite's name made safe and unique as a standard's would be
      named.urn = suite;
      stem = export_stem(named, taken);
    }
    out.push_back({stem + ".json", json.dump(2, ' ', false, Json::error_handler_t::replace) + "\n"});
  }
  return out;
}

}  // namespace nos
