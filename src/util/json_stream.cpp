#include "util/json_stream.hpp"

#include <string>

namespace nos {

namespace {
constexpr unsigned kIndentStep = 2;
}

JsonArrayStream::JsonArrayStream(std::ostream& out, unsigned indent, OrderedJson::error_handler_t on_bad_utf8)
    : out_(out), indent_(indent), on_bad_utf8_(on_bad_utf8) {}

void JsonArrayStream::add(const OrderedJson& element) {
  const std::string pad(indent_ + kIndentStep, ' ');
  out_ << (empty_ ? "[\n" : ",\n") << pad;
  // dump() lays the element out from column 0: each line after its first moves in to the array's depth.
  // A JSON string holds no raw newline, so every newline is the layout's.
  const std::string text = element.dump(kIndentStep, ' ', false, on_bad_utf8_);
  std::size_t from = 0;
  for (std::size_t end = text.find('\n'); end != std::string::npos;
       from = end + 1, end = text.find('\n', from))
    out_.write(text.data() + from, static_cast<std::streamsize>(end + 1 - from)) << pad;
  out_.write(text.data() + from, static_cast<std::streamsize>(text.size() - from));
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
