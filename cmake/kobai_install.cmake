include(CMakePackageConfigHelpers)

install(TARGETS kobai kobai_plot kobai_cli EXPORT kobai-targets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY include/kobai DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT kobai-targets NAMESPACE kobai:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/kobai)
configure_package_config_file(cmake/kobai-config.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/kobai-config.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/kobai)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/kobai-config-version.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/kobai-config.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/kobai-config-version.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/kobai)
