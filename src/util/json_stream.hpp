// A JSON document written as dump(2) lays it out, with one large array streamed into it: its elements are
// made and written one at a time, so a report of many findings is never held whole, as text or as a tree.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string_view>

namespace nos {

using OrderedJson = nlohmann::ordered_json;

/// The value a skeleton holds where the streamed array goes.
inline constexpr std::string_view kStreamedArray = "\x01nos:streamed-array";

/// Takes the streamed array's elements, in order.
class JsonArrayStream {
 public:
  JsonArrayStream(std::ostream& out, unsigned indent, OrderedJson::error_handler_t on_bad_utf8);
  void add(const OrderedJson& element);
  /// Writes the closing bracket ("[]" when nothing was added).
  void close();

 private:
  std::ostream& out_;
  unsigned indent_;
  OrderedJson::error_handler_t on_bad_utf8_;
  bool empty_ = true;
};

/// Writes `skeleton.dump(2, ' ', false, on_bad_utf8)` and a newline, with the array `elements` adds in
/// place of the one kStreamedArray string in `skeleton`.
void write_json_streaming(std::ostream& out, const OrderedJson& skeleton,
                          const std::function<void(JsonArrayStream&)>& elements,
                          OrderedJson::error_handler_t on_bad_utf8 = OrderedJson::error_handler_t::strict);

}  // namespace nos
