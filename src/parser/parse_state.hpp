// The section parser's state machine: where it is (the metadata block or the body) and what the last
// content line left open, changed only by the events the parser reports, through one transition function.
#pragma once

namespace nos::parser {

/// The part of the document being read. In the metadata block a one-word label opens a field ("Status
/// Original") and a line goes on with the field's value; in the body neither happens.
enum class Region { Body, Metadata };

/// What the last content line left open, which decides how the next line joins it.
enum class Mode {
  Idle,            ///< nothing: a section just opened, or a blank line closed a paragraph
  Paragraph,       ///< a prose line: in PDF text a wrapped line continues its paragraph
  Item,            ///< a numbered item: a wrapped line continues it, a line set off may head a group
  ItemAfterBlank,  ///< a numbered item, then a blank line: only a lower-case line continues it
};

/// What the parser did with a line.
enum class Event {
  Blank,     ///< read a blank line
  Metadata,  ///< read a metadata label: the metadata block starts or goes on
  Section,   ///< a label, cue or bookmark placed content in a section: the metadata block is over
  Opened,    ///< opened a section, by whatever evidence
  Prose,     ///< added a line of prose
  Item,      ///< added a numbered item (never inside the metadata block)
  Heading,   ///< kept a group heading for the next item: it ends the item before it
};

struct State {
  Region region = Region::Body;
  Mode mode = Mode::Idle;
  bool operator==(const State&) const = default;
};

/// The state after `event`.
State transition(State state, Event event);

}  // namespace nos::parser
