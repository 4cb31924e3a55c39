# The layering of the stages (the table in CMakeLists.txt), tried two ways:
#  - every #include "STAGE/..." or "nos/HEADER" in src/STAGE names a header the stage may use;
#  - in each stage's include root, the public headers it may use are found, and the headers of the stages it
#    may not use are not found, so an include that runs backwards cannot build.
# cmake -DCXX=compiler -DSOURCE_DIR=repository -DSTAGES_DIR=build/stages -P run.cmake
file(GLOB roots LIST_DIRECTORIES true ${STAGES_DIR}/*)
file(GLOB stage_dirs LIST_DIRECTORIES true ${SOURCE_DIR}/src/*)
file(GLOB public_headers RELATIVE ${SOURCE_DIR}/include ${SOURCE_DIR}/include/nos/*.hpp)
set(work ${STAGES_DIR}/../layering)
file(MAKE_DIRECTORY ${work})
set(failures 0)
set(refused 0)

foreach(root IN LISTS roots)
  if(NOT IS_DIRECTORY ${root})
    continue()
  endif()
  get_filename_component(stage ${root} NAME)

  # What the stage's sources include.
  file(GLOB_RECURSE sources ${SOURCE_DIR}/src/${stage}/*.cpp ${SOURCE_DIR}/src/${stage}/*.hpp)
  foreach(source IN LISTS sources)
    file(STRINGS ${source} includes REGEX "^#include \"[a-z_]+/[^\"]+\"")
    foreach(line IN LISTS includes)
      string(REGEX REPLACE "^#include \"([^\"]+)\".*" "\\1" included "${line}")
      if(NOT EXISTS ${root}/${included})
        file(RELATIVE_PATH shown ${SOURCE_DIR} ${source})
        message(SEND_ERROR "${shown} includes ${included}, which the ${stage} stage may not use")
        math(EXPR failures "${failures} + 1")
      endif()
    endforeach()
  endforeach()

  # In its include root, the public headers it may use are found, and neither a header of a stage it may
  # not use nor a public header of one is: one preprocessor run per stage, __has_include searching as
  # #include does.
  set(probe "")
  foreach(header IN LISTS public_headers)
    if(EXISTS ${root}/${header})
      string(APPEND probe "#if !__has_include(\"${header}\")\n#error ${header} is not found\n#endif\n")
    else()
      string(APPEND probe "#if __has_include(\"${header}\")\n#error ${header} is visible\n#endif\n")
      math(EXPR refused "${refused} + 1")
    endif()
  endforeach()
  foreach(dir IN LISTS stage_dirs)
    get_filename_component(other ${dir} NAME)
    file(GLOB headers RELATIVE ${SOURCE_DIR}/src ${dir}/*.hpp)
    if(NOT EXISTS ${root}/${other} AND headers)
      list(GET headers 0 header)
      string(APPEND probe "#if __has_include(\"${header}\")\n#error ${header} is visible\n#endif\n")
      math(EXPR refused "${refused} + 1")
    endif()
  endforeach()
  file(WRITE ${work}/${stage}.cpp "${probe}")
  execute_process(COMMAND ${CXX} -std=c++20 -E -o /dev/null -I ${root} ${work}/${stage}.cpp
                  RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
  if(NOT status EQUAL 0)
    message(SEND_ERROR "the ${stage} stage's include root:\n${output}")
    math(EXPR failures "${failures} + 1")
  endif()
endforeach()

if(failures GREATER 0)
  message(FATAL_ERROR "${failures} layering failures")
endif()
message(STATUS "layering: ${refused} headers out of reach of the stages below them")
