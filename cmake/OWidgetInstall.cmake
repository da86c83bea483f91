# Installs the public headers, the libraries and the CMake package, so that another project can
# write find_package(OWidget 1.0 REQUIRED COMPONENTS Widgets) and link OWidget::Widgets.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(OWIDGET_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/OWidget)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/owidget ${PROJECT_BINARY_DIR}/include/owidget
    DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
    FILES_MATCHING PATTERN "*.h")
install(EXPORT OWidgetTargets
    NAMESPACE OWidget::
    DESTINATION ${OWIDGET_CMAKE_DIR})

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/OWidgetConfig.cmake.in
    ${PROJECT_BINARY_DIR}/OWidgetConfig.cmake
    INSTALL_DESTINATION ${OWIDGET_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/OWidgetConfigVersion.cmake
    COMPATIBILITY SameMajorVersion)
install(FILES
    ${PROJECT_BINARY_DIR}/OWidgetConfig.cmake
    ${PROJECT_BINARY_DIR}/OWidgetConfigVersion.cmake
    ${PROJECT_SOURCE_DIR}/cmake/FindPhoneNumber.cmake
    DESTINATION ${OWIDGET_CMAKE_DIR})
