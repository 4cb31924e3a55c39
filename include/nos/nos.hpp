// Entry points: read a document, parse it into the model, write the model out. Writing is the emit
// stage's (nos/emit.hpp); reading and parsing come from nos/reader.hpp and nos/parser.hpp, which the
// stages below emit include instead of this header.
#pragma once

#include "nos/emit.hpp"
#include "nos/parser.hpp"
#include "nos/reader.hpp"
