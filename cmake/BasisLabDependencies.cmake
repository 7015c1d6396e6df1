# The libraries besides LibTorch and Qt: Eigen, HDF5 (C++), nlohmann-json, CLI11, SentencePiece.
#
# By default they come from the system (Debian's -dev packages; SentencePiece through pkg-config).
# With -DBASISLAB_DEPS_PREFIX=<dir> they come from that folder only, never from the system: <dir>
# is a prefix the user unpacked without root, e.g. Debian packages extracted with `dpkg -x` (see
# scripts/fetch-deps.sh and README.md, "GPU build"), so it has usr/include and usr/lib/<multiarch>,
# or an ordinary prefix with include/ and lib/. pkg-config files in such a prefix point at /usr, so
# nothing here reads them. Results:
#   Eigen3::Eigen, nlohmann_json::nlohmann_json, CLI11::CLI11    imported targets
#   HDF5_CXX_LIBRARIES, HDF5_INCLUDE_DIRS          as FindHDF5 sets them
#   basislab::sentencepiece                         an imported target (include dir + library)
set(BASISLAB_DEPS_PREFIX "" CACHE PATH
    "Take Eigen, HDF5, nlohmann-json, CLI11 and SentencePiece from this unpacked prefix (e.g. Debian packages extracted with dpkg -x) instead of the system")

if(BASISLAB_DEPS_PREFIX)
  get_filename_component(_deps "${BASISLAB_DEPS_PREFIX}" ABSOLUTE)
  if(NOT IS_DIRECTORY "${_deps}")
    message(FATAL_ERROR "BASISLAB_DEPS_PREFIX '${BASISLAB_DEPS_PREFIX}' is not a folder")
  endif()
  if(IS_DIRECTORY "${_deps}/usr/include")
    set(_deps_usr "${_deps}/usr")
  else()
    set(_deps_usr "${_deps}")
  endif()
  set(_deps_libdirs)
  if(CMAKE_LIBRARY_ARCHITECTURE)
    list(APPEND _deps_libdirs "${_deps_usr}/lib/${CMAKE_LIBRARY_ARCHITECTURE}")
  endif()
  list(APPEND _deps_libdirs "${_deps_usr}/lib" "${_deps_usr}/lib64")

  # Eigen and nlohmann-json: their CMake configs compute their paths relative to themselves.
  find_package(Eigen3 3.3 REQUIRED NO_MODULE NO_DEFAULT_PATH
               PATHS "${_deps_usr}/share/eigen3/cmake" "${_deps_usr}/lib/cmake/eigen3" "${_deps_usr}/share/cmake/eigen3")
  find_package(nlohmann_json 3 REQUIRED NO_DEFAULT_PATH
               PATHS "${_deps_usr}/share/cmake/nlohmann_json" "${_deps_usr}/lib/cmake/nlohmann_json")
  find_package(CLI11 2.1 CONFIG REQUIRED NO_DEFAULT_PATH
               PATHS "${_deps_usr}/share/cmake/CLI11" "${_deps_usr}/lib/cmake/CLI11")

  # HDF5: Debian keeps the serial build in include/hdf5/serial and lib/<multiarch>/hdf5/serial
  # (symbolic links to libhdf5_serial*.so); link the real files so the run path names their folder.
  find_path(BASISLAB_HDF5_INCLUDE_DIR H5Cpp.h NO_DEFAULT_PATH
            PATHS "${_deps_usr}/include/hdf5/serial" "${_deps_usr}/include")
  set(_hdf5_dirs)
  foreach(_d IN LISTS _deps_libdirs)
    list(APPEND _hdf5_dirs "${_d}/hdf5/serial" "${_d}")
  endforeach()
  find_library(BASISLAB_HDF5_CPP_LIBRARY NAMES hdf5_cpp hdf5_serial_cpp NO_DEFAULT_PATH PATHS ${_hdf5_dirs})
  find_library(BASISLAB_HDF5_C_LIBRARY NAMES hdf5 hdf5_serial NO_DEFAULT_PATH PATHS ${_hdf5_dirs})
  if(NOT BASISLAB_HDF5_INCLUDE_DIR OR NOT BASISLAB_HDF5_CPP_LIBRARY OR NOT BASISLAB_HDF5_C_LIBRARY)
    message(FATAL_ERROR "BASISLAB_DEPS_PREFIX '${_deps}' has no HDF5 C++ library (H5Cpp.h, libhdf5_cpp.so, "
                        "libhdf5.so): unpack libhdf5-dev, libhdf5-103-1, libhdf5-cpp-103-1, libsz2 and libaec0 there")
  endif()
  get_filename_component(_hdf5_cpp "${BASISLAB_HDF5_CPP_LIBRARY}" REALPATH)
  get_filename_component(_hdf5_c "${BASISLAB_HDF5_C_LIBRARY}" REALPATH)
  set(HDF5_CXX_LIBRARIES "${_hdf5_cpp};${_hdf5_c}")
  set(HDF5_INCLUDE_DIRS "${BASISLAB_HDF5_INCLUDE_DIR}")

  # SentencePiece
  find_path(BASISLAB_SENTENCEPIECE_INCLUDE_DIR sentencepiece_processor.h NO_DEFAULT_PATH PATHS "${_deps_usr}/include")
  find_library(BASISLAB_SENTENCEPIECE_LIBRARY NAMES sentencepiece NO_DEFAULT_PATH PATHS ${_deps_libdirs})
  if(NOT BASISLAB_SENTENCEPIECE_INCLUDE_DIR OR NOT BASISLAB_SENTENCEPIECE_LIBRARY)
    message(FATAL_ERROR "BASISLAB_DEPS_PREFIX '${_deps}' has no SentencePiece (sentencepiece_processor.h, "
                        "libsentencepiece.so): unpack libsentencepiece-dev and libsentencepiece0 there")
  endif()
  get_filename_component(_spm "${BASISLAB_SENTENCEPIECE_LIBRARY}" REALPATH)
  add_library(basislab::sentencepiece INTERFACE IMPORTED)
  set_target_properties(basislab::sentencepiece PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${BASISLAB_SENTENCEPIECE_INCLUDE_DIR}" INTERFACE_LINK_LIBRARIES "${_spm}")

  # The prefix's libraries need each other (libhdf5_serial needs libsz, libsz needs libaec): let the
  # linker find them there, and write RPATH (not RUNPATH) so the loader also looks there for the
  # libraries' own dependencies.
  foreach(_d IN LISTS _deps_libdirs)
    if(IS_DIRECTORY "${_d}")
      string(APPEND CMAKE_EXE_LINKER_FLAGS " -Wl,-rpath-link,${_d}")
      string(APPEND CMAKE_SHARED_LINKER_FLAGS " -Wl,-rpath-link,${_d}")
      string(APPEND CMAKE_MODULE_LINKER_FLAGS " -Wl,-rpath-link,${_d}")
    endif()
  endforeach()
  string(APPEND CMAKE_EXE_LINKER_FLAGS " -Wl,--disable-new-dtags")
  string(APPEND CMAKE_SHARED_LINKER_FLAGS " -Wl,--disable-new-dtags")
  string(APPEND CMAKE_MODULE_LINKER_FLAGS " -Wl,--disable-new-dtags")
  message(STATUS "BASISLAB_DEPS_PREFIX: dependencies from ${_deps}")
  message(STATUS "  Eigen3          ${Eigen3_DIR}")
  message(STATUS "  nlohmann_json   ${nlohmann_json_DIR}")
  message(STATUS "  CLI11           ${CLI11_DIR}")
  message(STATUS "  HDF5 C++        ${_hdf5_cpp} (headers ${BASISLAB_HDF5_INCLUDE_DIR})")
  message(STATUS "  SentencePiece   ${_spm} (headers ${BASISLAB_SENTENCEPIECE_INCLUDE_DIR})")
else()
  find_package(Eigen3 3.3 REQUIRED NO_MODULE)
  find_package(HDF5 REQUIRED COMPONENTS CXX)
  find_package(nlohmann_json 3 REQUIRED)
  find_package(CLI11 2.1 CONFIG REQUIRED)  # basislab-cli's option parser (header-only, libcli11-dev)
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(SentencePiece REQUIRED IMPORTED_TARGET sentencepiece)
  add_library(basislab::sentencepiece INTERFACE IMPORTED)
  set_target_properties(basislab::sentencepiece PROPERTIES INTERFACE_LINK_LIBRARIES PkgConfig::SentencePiece)
endif()

# Gloo's headers, for c10d's ProcessGroupGloo (core/dist/process_group.cpp, the distributed
# calibration and sweep). LibTorch carries the Gloo code but Debian ships its headers apart
# (libgloo-dev, which scripts/install-deps.sh installs). With BASISLAB_DEPS_PREFIX (a CUDA
# LibTorch) they are looked for only in LibTorch's own include folders: Debian's Gloo snapshot is the
# one Debian's LibTorch 1.13 was built with, not necessarily a 2.x LibTorch's, and ProcessGroupGloo's
# inline code depends on Gloo's class layouts. Without them BasisLab builds without distributed
# runs (a launch with a world size above 1 is then refused, naming the reason).
option(BASISLAB_DISTRIBUTED "Build distributed calibration and sweeps (c10d, Gloo) when the Gloo headers are found" ON)
set(BASISLAB_HAVE_GLOO OFF)
if(BASISLAB_DISTRIBUTED)
  if(BASISLAB_DEPS_PREFIX)
    find_path(BASISLAB_GLOO_INCLUDE_DIR gloo/config.h NO_DEFAULT_PATH PATHS ${TORCH_INCLUDE_DIRS})
  else()
    find_path(BASISLAB_GLOO_INCLUDE_DIR gloo/config.h HINTS ${TORCH_INCLUDE_DIRS})
  endif()
  if(BASISLAB_GLOO_INCLUDE_DIR)
    set(BASISLAB_HAVE_GLOO ON)
    message(STATUS "Distributed runs: on (c10d Gloo; headers ${BASISLAB_GLOO_INCLUDE_DIR})")
  else()
    message(STATUS "Distributed runs: OFF (no gloo/config.h: install libgloo-dev, or see README.md)")
  endif()
else()
  message(STATUS "Distributed runs: OFF (BASISLAB_DISTRIBUTED=OFF)")
endif()
