# libFuzzer targets (BASISLAB_FUZZ=ON, clang only, in a build folder of their own):
#   cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
#     -DBASISLAB_FUZZ=ON -DBASISLAB_BUILD_GUI=OFF -DBASISLAB_BUILD_TESTS=OFF -DBASISLAB_BUILD_BENCH=OFF
#   cmake --build build-fuzz --target fuzz_targets
# fuzz_safetensors, fuzz_index, fuzz_config, fuzz_store and fuzz_session run BasisLab's readers under
# ASan; fuzz_tokenizer runs without it (the SentencePiece module is loaded with RTLD_DEEPBIND, which
# ASan refuses). The entry functions are tests/fuzz/fuzz_entries.h; tests/fuzz/README.md says how to
# run them and where corpora and crashing inputs go.
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "BASISLAB_FUZZ needs clang: configure with -DCMAKE_CXX_COMPILER=clang++")
endif()

set(_fuzz_dir ${PROJECT_SOURCE_DIR}/tests/fuzz)
set(_fuzz_flags -fsanitize=fuzzer-no-link,address -fno-omit-frame-pointer -Wall -Wextra)

# The readers and what they need, compiled with ASan and libFuzzer's coverage instrumentation.
add_library(basislab_fuzz_core STATIC
  core/base/atomic_file.cpp core/base/hdf5_lock.cpp core/base/isolated_read.cpp core/base/progress.cpp core/base/sha256.cpp
  core/model/safetensors.cpp core/model/config.cpp core/model/names.cpp core/model/fingerprint.cpp
  core/calib/store.cpp core/calib/calibration.cpp
  core/api/session_file.cpp core/api/h5_attributes.cpp core/compress/plan.cpp core/compress/alpha.cpp)
target_compile_options(basislab_fuzz_core PRIVATE ${_fuzz_flags})
target_compile_definitions(basislab_fuzz_core PRIVATE BASISLAB_VERSION="${PROJECT_VERSION}")
target_include_directories(basislab_fuzz_core PUBLIC ${PROJECT_SOURCE_DIR}/core)
target_include_directories(basislab_fuzz_core SYSTEM PRIVATE ${HDF5_INCLUDE_DIRS})
target_link_libraries(basislab_fuzz_core PUBLIC torch Eigen3::Eigen nlohmann_json::nlohmann_json
  ${HDF5_CXX_LIBRARIES} Threads::Threads ${CMAKE_DL_LIBS})
set_target_properties(basislab_fuzz_core PROPERTIES AUTOMOC OFF)

# The helper process the readers start (core/base/isolated_read.h), built the same way, beside the targets.
add_executable(basislab-h5check ${PROJECT_SOURCE_DIR}/app/h5check/main.cpp)
target_compile_options(basislab-h5check PRIVATE ${_fuzz_flags})
target_link_options(basislab-h5check PRIVATE -fsanitize=address)
target_link_libraries(basislab-h5check PRIVATE basislab_fuzz_core)

set(_fuzz_entry_safetensors safetensorsFile)
set(_fuzz_entry_index safetensorsIndex)
set(_fuzz_entry_config configJson)
set(_fuzz_entry_store calibrationStore)
set(_fuzz_entry_session sessionFile)
add_custom_target(fuzz_targets)
add_dependencies(fuzz_targets basislab-h5check)
foreach(_t safetensors index config store session)
  add_executable(fuzz_${_t} ${_fuzz_dir}/fuzz_target.cpp ${_fuzz_dir}/fuzz_entries.cpp ${_fuzz_dir}/fuzz_scratch.cpp)
  target_compile_options(fuzz_${_t} PRIVATE ${_fuzz_flags})
  target_link_options(fuzz_${_t} PRIVATE -fsanitize=fuzzer,address)
  target_compile_definitions(fuzz_${_t} PRIVATE BASISLAB_FUZZ_ENTRY=${_fuzz_entry_${_t}}
    BASISLAB_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data")
  target_link_libraries(fuzz_${_t} PRIVATE basislab_fuzz_core)
  set_target_properties(fuzz_${_t} PROPERTIES AUTOMOC OFF)
  add_dependencies(fuzz_targets fuzz_${_t})
endforeach()

# The tokenizer: libFuzzer without ASan.
add_executable(fuzz_tokenizer ${_fuzz_dir}/fuzz_target.cpp ${_fuzz_dir}/fuzz_tokenizer.cpp ${_fuzz_dir}/fuzz_scratch.cpp
  core/model/tokenizer.cpp core/base/atomic_file.cpp)
target_compile_options(fuzz_tokenizer PRIVATE -fsanitize=fuzzer -Wall -Wextra)
target_link_options(fuzz_tokenizer PRIVATE -fsanitize=fuzzer)
target_compile_definitions(fuzz_tokenizer PRIVATE BASISLAB_FUZZ_ENTRY=tokenizerModel
  BASISLAB_MODULE_BUILD_DIR="${CMAKE_BINARY_DIR}/lib" BASISLAB_MODULE_INSTALL_DIR="")
target_include_directories(fuzz_tokenizer PRIVATE ${PROJECT_SOURCE_DIR}/core)
target_link_libraries(fuzz_tokenizer PRIVATE ${CMAKE_DL_LIBS})
set_target_properties(fuzz_tokenizer PROPERTIES AUTOMOC OFF)
add_dependencies(fuzz_tokenizer basislab_sentencepiece)
add_dependencies(fuzz_targets fuzz_tokenizer)
