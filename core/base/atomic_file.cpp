#include "atomic_file.h"

#include "error.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>

namespace basislab {
namespace {

std::string errnoText() {
    return std::strerror(errno);
}

void fsyncPath(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0) throw Error("cannot open '" + path + "' to flush it: " + errnoText());
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) throw Error("cannot flush '" + path + "' to disk: " + errnoText());
}

}  // namespace

std::string temporarySibling(const std::string& target) {
    std::random_device rd;
    std::ostringstream name;
    name << target << ".tmp-" << ::getpid() << '-' << std::hex << rd();
    return name.str();
}

AtomicFile::AtomicFile(std::string target) : target_(std::move(target)), temp_(temporarySibling(target_)) {}

AtomicFile::~AtomicFile() {
    if (!committed_) std::remove(temp_.c_str());
}

void AtomicFile::commit() {
    struct stat st {};
    if (::stat(temp_.c_str(), &st) != 0) throw Error("nothing was written to '" + temp_ + "' for '" + target_ + "'");
    fsyncPath(temp_);
    if (std::rename(temp_.c_str(), target_.c_str()) != 0)
        throw Error("cannot move '" + temp_ + "' onto '" + target_ + "': " + errnoText());
    committed_ = true;
    // Flush the folder entry too, so the rename itself survives a crash.
    const auto slash = target_.find_last_of('/');
    const std::string dir = slash == std::string::npos ? "." : target_.substr(0, slash == 0 ? 1 : slash);
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

void writeFileAtomically(const std::string& path, std::string_view content) {
    AtomicFile file(path);
    {
        std::ofstream out(file.tempPath(), std::ios::binary | std::ios::trunc);
        if (!out) throw Error("cannot create '" + file.tempPath() + "': " + errnoText());
        out.write(content.data(), std::streamsize(content.size()));
        out.flush();
        if (!out) throw Error("cannot write '" + file.tempPath() + "': " + errnoText());
    }
    file.commit();
}

std::string readFileBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error("cannot open '" + path + "': " + errnoText());
    std::ostringstream data;
    data << in.rdbuf();
    if (in.bad()) throw Error("cannot read '" + path + "'");
    return data.str();
}

}  // namespace basislab
