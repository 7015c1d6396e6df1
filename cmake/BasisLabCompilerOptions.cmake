# Warnings and sanitizers for every BasisLab target. Call basislab_target_options(<target>).
add_library(basislab_options INTERFACE)
target_compile_options(basislab_options INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor -Woverloaded-virtual
  -Wcast-align -Wformat=2 -Wimplicit-fallthrough)
# Debian's LibTorch pulls in OpenCV and with it Qt 5, so every BasisLab process also loads Qt 5.
# Without this flag a non-optimised build exports Qt 6 inline functions (QByteArray::append, ...)
# from the executable as weak symbols, Qt 5 binds to them, and the process crashes at start-up.
target_compile_options(basislab_options INTERFACE -fvisibility-inlines-hidden)
if(BASISLAB_WARNINGS_AS_ERRORS)
  target_compile_options(basislab_options INTERFACE -Werror)
endif()

set(_sanitizers "")
if(BASISLAB_SANITIZE_ADDRESS)
  list(APPEND _sanitizers address)
endif()
if(BASISLAB_SANITIZE_UNDEFINED)
  list(APPEND _sanitizers undefined)
endif()
if(_sanitizers)
  list(JOIN _sanitizers "," _sanitize_list)
  target_compile_options(basislab_options INTERFACE -fsanitize=${_sanitize_list} -fno-omit-frame-pointer)
  target_link_options(basislab_options INTERFACE -fsanitize=${_sanitize_list})
endif()
