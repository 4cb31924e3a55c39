#include "parser/parse_state.hpp"

namespace nos::parser {

State transition(State s, Event event) {
  switch (event) {
    case Event::Blank:
      // A blank line ends a paragraph; an item may still go on past it (a wrapped web page).
      if (s.mode == Mode::Paragraph) s.mode = Mode::Idle;
      if (s.mode == Mode::Item) s.mode = Mode::ItemAfterBlank;
      return s;
    case Event::Metadata:
      s.region = Region::Metadata;
      return s;
    case Event::Section:
      s.region = Region::Body;
      return s;
    case Event::Opened:
      s.mode = Mode::Idle;
      return s;
    case Event::Prose:
      s.mode = Mode::Paragraph;
      return s;
    case Event::Item:
      return {Region::Body, Mode::Item};
    case Event::Heading:
      if (s.mode == Mode::Item || s.mode == Mode::ItemAfterBlank) s.mode = Mode::Idle;
      return s;
  }
  return s;
}

}  // namespace nos::parser
