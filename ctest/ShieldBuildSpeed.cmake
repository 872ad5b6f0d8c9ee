# Build-time measures applied after all directories are added, so targets added later get them too.
# Measured on the 2-core machine: -g1 instead of -g cuts a test file's compile time by about a third,
# -O1 for test code by another fifth; precompiled Boost.JSON/GoogleTest headers (a 150 MB .gch) were slower.

option(SHIELD_UNITY_TESTS "Compile the test code of each target under checks/ as unity batches" OFF)
option(SHIELD_FAST_TEST_CODE "Compile test code (checks/) at -O1; the library and programs keep the build type's flags" ON)

# Lists every buildsystem target defined in `dir` and below.
function(shield_targets_below dir out)
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  get_property(children DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(child IN LISTS children)
    shield_targets_below(${child} below)
    list(APPEND targets ${below})
  endforeach()
  set(${out} ${targets} PARENT_SCOPE)
endfunction()

# Test code is compiled for speed of building, not of running: what it measures lives in support/ and fixtures/.
function(shield_apply_build_speed)
  if(NOT SHIELD_FAST_TEST_CODE OR NOT CMAKE_BUILD_TYPE MATCHES "^(Release|RelWithDebInfo)$")
    return()
  endif()
  shield_targets_below(${PROJECT_SOURCE_DIR}/checks targets)
  foreach(target IN LISTS targets)
    get_target_property(type ${target} TYPE)
    if(type MATCHES "^(STATIC_LIBRARY|EXECUTABLE|OBJECT_LIBRARY)$")
      target_compile_options(${target} PRIVATE -O1)
      if(SHIELD_UNITY_TESTS)
        set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 6)
      endif()
    endif()
  endforeach()
endfunction()
