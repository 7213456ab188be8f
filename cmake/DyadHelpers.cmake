# dyad_library(NAME SOURCES ... DEPS ...): one pipeline stage's library.
function(dyad_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/include ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${name} PUBLIC ${ARG_DEPS})
  target_compile_definitions(${name} PRIVATE DYAD_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
endfunction()

# dyad_test(NAME SOURCES ... DEPS ...): a GoogleTest binary registered with CTest.
# Tests find the source tree through DYAD_SOURCE_DIR and ../shared through
# dyad::testing::SharedDir() (tests/testing.h), skipping when it is absent.
function(dyad_test name)
  if(NOT DYAD_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/include ${PROJECT_SOURCE_DIR}/src
                                             ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE DYAD_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 900)
endfunction()

# dyad_fuzzer(NAME SOURCE DEPS ...): a libFuzzer target. In the fuzz preset it is
# a real fuzzer; in every other build it is a replay binary that runs the target
# over its corpus (fuzz/corpus/NAME) as a regression test.
function(dyad_fuzzer name source)
  cmake_parse_arguments(ARG "" "" "DEPS" ${ARGN})
  if(DYAD_BUILD_FUZZ)
    add_executable(${name} ${source})
    target_link_options(${name} PRIVATE -fsanitize=fuzzer)
  else()
    add_executable(${name} ${source} ${PROJECT_SOURCE_DIR}/fuzz/replay_main.cc)
    if(DYAD_BUILD_TESTS)
      add_test(NAME ${name}_replay COMMAND ${name} ${PROJECT_SOURCE_DIR}/fuzz/corpus/${name})
    endif()
  endif()
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/include ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${name} PRIVATE ${ARG_DEPS})
  target_compile_definitions(${name} PRIVATE DYAD_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
endfunction()
