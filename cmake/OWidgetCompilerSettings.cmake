# Sanitizers for the project's own targets (Qt and the system libraries are not instrumented),
# e.g. -DOWIDGET_SANITIZE="address;undefined". Empty: none. See docs/security.md.
set(OWIDGET_SANITIZE "" CACHE STRING
    "Sanitizers to build OWidget's own code with, e.g. address;undefined (empty: none)")
# libFuzzer targets in fuzz/ (clang only); the project's code is built with coverage for them.
option(OWIDGET_FUZZ "Build the libFuzzer targets in fuzz/ (needs clang)" OFF)
if(OWIDGET_FUZZ AND NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "OWIDGET_FUZZ needs clang: configure with CXX=clang++")
endif()

# owidget_set_compile_options(target): the warnings, strict Qt defines and sanitizers that every
# target of the project's own code builds with.
function(owidget_set_compile_options target)
    target_compile_definitions(${target} PRIVATE
        QT_NO_CAST_FROM_ASCII
        QT_NO_CAST_TO_ASCII
        QT_NO_KEYWORDS
        QT_USE_QSTRINGBUILDER
        QT_NO_URL_CAST_FROM_STRING
        QT_NO_CAST_FROM_BYTEARRAY
        QT_STRICT_ITERATORS)
    if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
        target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
                               -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual)
        if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
            # Qt's qCDebug(category) << ... expands to a variadic macro with no variadic argument.
            target_compile_options(${target} PRIVATE -Wno-gnu-zero-variadic-macro-arguments)
        endif()
        if(OWIDGET_WERROR)
            target_compile_options(${target} PRIVATE -Werror)
        endif()
        if(OWIDGET_SANITIZE)
            list(JOIN OWIDGET_SANITIZE "," sanitizers)
            target_compile_options(${target} PRIVATE -fsanitize=${sanitizers}
                                   -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
            target_link_options(${target} PRIVATE -fsanitize=${sanitizers})
        endif()
        if(OWIDGET_FUZZ)
            target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link)
        endif()
    endif()
endfunction()
