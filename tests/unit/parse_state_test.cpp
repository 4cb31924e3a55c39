// The section parser's state machine: every transition, one event at a time.
#include "parser/parse_state.hpp"

#include <doctest/doctest.h>

#include <initializer_list>

using nos::parser::Event;
using nos::parser::Mode;
using nos::parser::Region;
using nos::parser::State;
using nos::parser::transition;

namespace {

State after(std::initializer_list<Event> events, State s = {}) {
  for (Event e : events) s = transition(s, e);
  return s;
}

}  // namespace

TEST_CASE("parse state: a document starts idle in the body") {
  CHECK(State{} == State{Region::Body, Mode::Idle});
}

TEST_CASE("parse state: a blank line closes a paragraph but lets an item go on") {
  CHECK(transition({Region::Body, Mode::Paragraph}, Event::Blank) == State{Region::Body, Mode::Idle});
  CHECK(transition({Region::Body, Mode::Item}, Event::Blank) == State{Region::Body, Mode::ItemAfterBlank});
  CHECK(transition({Region::Body, Mode::ItemAfterBlank}, Event::Blank) ==
        State{Region::Body, Mode::ItemAfterBlank});
  CHECK(transition({Region::Metadata, Mode::Idle}, Event::Blank) == State{Region::Metadata, Mode::Idle});
}

TEST_CASE("parse state: a metadata label enters the metadata block, and placed content leaves it") {
  CHECK(transition({Region::Body, Mode::Paragraph}, Event::Metadata) ==
        State{Region::Metadata, Mode::Paragraph});
  CHECK(transition({Region::Metadata, Mode::Paragraph}, Event::Section) ==
        State{Region::Body, Mode::Paragraph});
  // Prose placed by position (the overview) stays inside the block: the next row may be metadata.
  CHECK(after({Event::Metadata, Event::Opened, Event::Prose}) == State{Region::Metadata, Mode::Paragraph});
}

TEST_CASE("parse state: opening a section forgets what the last line left open") {
  for (Mode m : {Mode::Idle, Mode::Paragraph, Mode::Item, Mode::ItemAfterBlank}) {
    CHECK(transition({Region::Body, m}, Event::Opened) == State{Region::Body, Mode::Idle});
    CHECK(transition({Region::Metadata, m}, Event::Opened) == State{Region::Metadata, Mode::Idle});
  }
}

TEST_CASE("parse state: prose opens a paragraph, an item opens an item and ends the metadata block") {
  for (Mode m : {Mode::Idle, Mode::Paragraph, Mode::Item, Mode::ItemAfterBlank}) {
    CHECK(transition({Region::Body, m}, Event::Prose) == State{Region::Body, Mode::Paragraph});
    CHECK(transition({Region::Metadata, m}, Event::Item) == State{Region::Body, Mode::Item});
  }
}

TEST_CASE("parse state: a group heading ends the item before it, and nothing else") {
  CHECK(transition({Region::Body, Mode::Item}, Event::Heading) == State{Region::Body, Mode::Idle});
  CHECK(transition({Region::Body, Mode::ItemAfterBlank}, Event::Heading) == State{Region::Body, Mode::Idle});
  CHECK(transition({Region::Body, Mode::Paragraph}, Event::Heading) == State{Region::Body, Mode::Paragraph});
  CHECK(transition({Region::Body, Mode::Idle}, Event::Heading) == State{Region::Body, Mode::Idle});
}

TEST_CASE("parse state: a list read line by line") {
  // Label, item, wrapped line (no event), blank, heading, item.
  State s = after({Event::Opened, Event::Section, Event::Item});
  CHECK(s.mode == Mode::Item);
  s = after({Event::Blank}, s);
  CHECK(s.mode == Mode::ItemAfterBlank);
  s = after({Event::Heading, Event::Item}, s);
  CHECK(s == State{Region::Body, Mode::Item});
}
