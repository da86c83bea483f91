# ctest's `package` test: installs the build into a fresh prefix and builds examples/minimal
# against it from a separate build tree, as another project would; then builds it again with
# OWidget taken in as a subproject (FetchContent, which is add_subdirectory underneath).
# Arguments: -DBUILD_DIR=<OWidget's build tree> -DSOURCE_DIR=<OWidget's sources> -DWORK_DIR=<scratch>
file(REMOVE_RECURSE "${WORK_DIR}")
set(prefix "${WORK_DIR}/prefix")

function(run)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE result OUTPUT_VARIABLE output
                    ERROR_VARIABLE output)
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "failed (${result}): ${ARGN}\n${output}")
    endif()
endfunction()

run(${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${prefix}")
foreach(file include/owidget/controller.h include/owidget/owidget_core_export.h
             lib/cmake/OWidget/OWidgetConfig.cmake lib/cmake/OWidget/OWidgetConfigVersion.cmake)
    if(NOT EXISTS "${prefix}/${file}")
        message(FATAL_ERROR "not installed: ${file}")
    endif()
endforeach()
file(GLOB private_headers "${prefix}/include/owidget/*_p.h")
if(private_headers)
    message(FATAL_ERROR "private headers installed: ${private_headers}")
endif()

run(${CMAKE_COMMAND} -S "${SOURCE_DIR}/examples/minimal" -B "${WORK_DIR}/example" -G Ninja
    -DCMAKE_PREFIX_PATH=${prefix})
run(${CMAKE_COMMAND} --build "${WORK_DIR}/example")
message(STATUS "examples/minimal built against ${prefix}")

find_program(ccache ccache)
set(launcher)
if(ccache)
    set(launcher -DCMAKE_CXX_COMPILER_LAUNCHER=${ccache})
endif()
run(${CMAKE_COMMAND} -S "${SOURCE_DIR}/tests/subproject" -B "${WORK_DIR}/subproject" -G Ninja
    -DOWIDGET_SOURCE_DIR=${SOURCE_DIR} ${launcher})
run(${CMAKE_COMMAND} --build "${WORK_DIR}/subproject" --target minimal)
message(STATUS "examples/minimal built with OWidget as a subproject")
