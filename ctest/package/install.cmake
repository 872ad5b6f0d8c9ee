# `cmake --install` rules: the suite's programs, its data files, the CTest fixture scripts and the
# ShieldStress CMake package (find_package(ShieldStress) + shield_stress_add_tests()).
# Included at the end of the top-level CMakeLists.txt, so every program target is known here.
include(CMakePackageConfigHelpers)

# Relative to the prefix; support/client looks for ../share/shield-stress from bin/, keep them in step.
set(SHIELD_INSTALL_BINDIR bin)
set(SHIELD_INSTALL_DATADIR share/shield-stress)
set(SHIELD_INSTALL_CMAKEDIR lib/cmake/ShieldStress)
set(_pkg ${CMAKE_CURRENT_LIST_DIR})

# Only the programs this build has (shield_bench needs SHIELD_BUILD_BENCHMARKS, checks SHIELD_BUILD_TESTS).
set(SHIELD_INSTALLED_PROGRAMS "")
foreach(_program IN ITEMS shield_reference_backend shield_compare shield_merge shield_checks shield_metrics_checks shield_bench shield_lint)
  if(TARGET ${_program})
    install(TARGETS ${_program} RUNTIME DESTINATION ${SHIELD_INSTALL_BINDIR})
    list(APPEND SHIELD_INSTALLED_PROGRAMS ${_program})
  endif()
endforeach()

# Profiles, dashboards and expected metrics: JSON plus their READMEs.
foreach(_data IN ITEMS profiles dashboards expected_metrics)
  if(IS_DIRECTORY ${PROJECT_SOURCE_DIR}/fixtures/${_data})
    install(DIRECTORY ${PROJECT_SOURCE_DIR}/fixtures/${_data}/ DESTINATION ${SHIELD_INSTALL_DATADIR}/${_data}
            FILES_MATCHING PATTERN "*.json" PATTERN "*.md")
  endif()
endforeach()

# The server fixture scripts (lib.sh is sourced, the others run) and the compare step.
file(GLOB _fixture_scripts ${PROJECT_SOURCE_DIR}/ctest/fixtures/*.sh)
install(PROGRAMS ${_fixture_scripts} DESTINATION ${SHIELD_INSTALL_DATADIR}/ctest/fixtures)
install(PROGRAMS ${_pkg}/compare_results.sh DESTINATION ${SHIELD_INSTALL_DATADIR}/ctest)

# The package: config (paths + imported programs), version, and the test-adding function.
configure_package_config_file(${_pkg}/ShieldStressConfig.cmake.in
  ${CMAKE_BINARY_DIR}/package/ShieldStressConfig.cmake
  INSTALL_DESTINATION ${SHIELD_INSTALL_CMAKEDIR}
  PATH_VARS SHIELD_INSTALL_BINDIR SHIELD_INSTALL_DATADIR)
# 0.x: a minor release may change the function's arguments.
write_basic_package_version_file(${CMAKE_BINARY_DIR}/package/ShieldStressConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/package/ShieldStressConfig.cmake
              ${CMAKE_BINARY_DIR}/package/ShieldStressConfigVersion.cmake
              ${_pkg}/ShieldStressAddTests.cmake
        DESTINATION ${SHIELD_INSTALL_CMAKEDIR})
