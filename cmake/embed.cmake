# Writes the file INPUT as a C++ raw string literal into OUTPUT; NAME is INPUT as the repository names it.
file(READ ${INPUT} content)
set(delim "nos_embedded_")
file(WRITE ${OUTPUT} "// Generated from ${NAME} by cmake/embed.cmake; do not edit.\n")
file(APPEND ${OUTPUT} "R\"${delim}(${content})${delim}\"\n")
