// Helpers every test suite shares (one copy here): the message of an expected error and a
// temporary folder. Torch-free; tensor comparisons are in tensor_compare.h.
#pragma once

#include "base/error.h"

#include <QString>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

#include <unistd.h>

namespace basislab::test {

/// The message of the basislab::Error that `fn` throws, or "" when it throws none.
template <class F>
QString errorOf(F&& fn) {
    try {
        fn();
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

/// A fresh empty folder under the system's temporary folder (mkdtemp: unique even between
/// processes), removed with its content by the destructor.
class TempDir {
public:
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "basislab-test-XXXXXX").string();
        if (!::mkdtemp(pattern.data())) throw Error("cannot create a temporary folder from " + pattern);
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return path_; }
    std::string file(const std::string& name) const { return path_ + "/" + name; }

private:
    std::string path_;
};

}  // namespace basislab::test
