#include "util/json_stream.hpp"

#include <string>

namespace nos {

namespace {
constexpr unsigned kIndentStep = 2;
}

JsonArrayStream::JsonArrayStream(std::ostream& out, unsigned indent, OrderedJson::error_handler_t on_bad_utf8)
    : out_(out),
      indent_(indent),
      serializer_(nlohmann::detail::output_adapter<char>(out), ' ', on_bad_utf8) {}

void JsonArrayStream::add(const OrderedJson& element) {
  out_ << (empty_ ? "[\n" : ",\n") << std::string(indent_ + kIndentStep, ' ');
  serializer_.dump(element, true, false, kIndentStep, indent_ + kIndentStep);
  empty_ = false;
}

void JsonArrayStream::close() {
  if (empty_)
    out_ << "[]";
  else
    out_ << '\n' << std::string(indent_, ' ') << ']';
}

void write_json_streaming(std::ostream& out, const OrderedJson& skeleton,
                          const std::function<void(JsonArrayStream&)>& elements,
                          OrderedJson::error_handler_t on_bad_utf8) {
  const std::string text = skeleton.dump(kIndentStep, ' ', false, on_bad_utf8);
  const std::string mark = OrderedJson(std::string(kStreamedArray)).dump();
  const std::size_t at = text.find(mark);
  // The array closes at the indent of the line that holds it.
  const std::size_t line = text.rfind('\n', at) + 1;
  const auto indent = static_cast<unsigned>(text.find_first_not_of(' ', line) - line);
  out.write(text.data(), static_cast<std::streamsize>(at));
  JsonArrayStream array(out, indent, on_bad_utf8);
  elements(array);
  array.close();
  out << std::string_view(text).substr(at + mark.size()) << '\n';
}

}  // namespace nos
