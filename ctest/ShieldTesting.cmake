# Helpers every test directory uses, so labels and timeouts stay uniform.
include(GoogleTest)

# shield_add_unit_test(NAME SOURCES a.cpp ... LIBS lib ...): a GoogleTest binary whose tests get label `unit`.
function(shield_add_unit_test name)
  cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LIBS" ${ARGN})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 120)
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gmock GTest::gtest_main)
  # PRE_TEST: discovery at test time, so a build never runs test binaries.
  gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST DISCOVERY_TIMEOUT 30
                       PROPERTIES LABELS unit TIMEOUT ${ARG_TIMEOUT})
endfunction()

# Adds every immediate subdirectory of the current one that has a CMakeLists.txt.
macro(shield_add_present_subdirectories)
  file(GLOB _shield_children LIST_DIRECTORIES true RELATIVE ${CMAKE_CURRENT_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR}/*)
  list(SORT _shield_children)
  foreach(_child IN LISTS _shield_children)
    if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/${_child}/CMakeLists.txt)
      add_subdirectory(${_child})
    endif()
  endforeach()
endmacro()

# Where the server fixtures keep PID files, ports, logs and the target URL during a ctest run.
set(SHIELD_STATE_DIR ${CMAKE_BINARY_DIR}/ctest-state)

# shield_add_target_test(NAME COMMAND cmd args... LABELS l... [FIXTURES f...] [TIMEOUT s]):
# a test run against the target (the reference backend fixture unless SHIELD_TARGET is set).
function(shield_add_target_test name)
  cmake_parse_arguments(ARG "" "TIMEOUT" "COMMAND;LABELS;FIXTURES" ${ARGN})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
  add_test(NAME ${name} COMMAND ${PROJECT_SOURCE_DIR}/ctest/fixtures/with_target.sh ${SHIELD_STATE_DIR} ${ARG_COMMAND})
  # One test at a time on the shared target: the checks count its requests exactly.
  set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABELS}" TIMEOUT ${ARG_TIMEOUT}
                       FIXTURES_REQUIRED "shield_backend;${ARG_FIXTURES}" RESOURCE_LOCK shield_target)
endfunction()
