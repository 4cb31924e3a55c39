# Writes INPUT as a C++ raw string literal into OUTPUT (used for the built-in grammar).
file(READ ${INPUT} content)
set(delim "nos_grammar_")
file(WRITE ${OUTPUT} "// Generated from grammars/nos.yaml by cmake/embed.cmake; do not edit.\n")
file(APPEND ${OUTPUT} "R\"${delim}(${content})${delim}\"\n")
