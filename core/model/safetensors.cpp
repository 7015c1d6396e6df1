#include "safetensors.h"
#include "page_release.h"

#include "../base/atomic_file.h"
#include "../base/error.h"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <limits>
#include <optional>

namespace fs = std::filesystem;

namespace basislab {
namespace {

using nlohmann::json;
constexpr std::uint64_t kMaxHeader = 100u << 20;  // the format's own limit (100 MB)

std::optional<DType> parseDType(const std::string& s) {
    if (s == "F32") return DType::F32;
    if (s == "F16") return DType::F16;
    if (s == "BF16") return DType::BF16;
    return std::nullopt;
}

bool isKnownUnsupportedDType(const std::string& s) {
    static const char* known[] = {"F64", "I64",  "I32",     "I16",     "I8",      "U64", "U32",     "U16",
                                  "U8",  "BOOL", "F8_E4M3", "F8_E5M2", "F8_E8M0", "F4",  "F6_E2M3", "F6_E3M2"};
    return std::any_of(std::begin(known), std::end(known), [&](const char* k) { return s == k; });
}

std::uint64_t nonNegativeInt(const json& v, const std::string& what) {
    if (v.is_number_unsigned()) return v.get<std::uint64_t>();
    if (v.is_number_integer()) {
        const auto x = v.get<std::int64_t>();
        if (x >= 0) return std::uint64_t(x);
    }
    throw Error(what + " must be a non-negative integer, found " + v.dump());
}

}  // namespace

const char* name(DType d) {
    switch (d) {
        case DType::F32: return "F32";
        case DType::F16: return "F16";
        case DType::BF16: return "BF16";
    }
    return "?";
}

std::size_t elementSize(DType d) {
    return d == DType::F32 ? 4 : 2;
}

std::int64_t TensorInfo::numel() const {
    std::int64_t n = 1;
    for (auto d : shape) n *= d;
    return n;
}

std::string TensorInfo::shapeString() const {
    std::string s = "[";
    for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + "]";
}

SafetensorsFile::SafetensorsFile(const std::string& path) : path_(path) {
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0) throw Error("cannot open safetensors file '" + path + "': " + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        ::close(fd);
        throw Error("cannot stat '" + path + "': " + std::strerror(errno));
    }
    size_ = std::size_t(st.st_size);
    if (size_ > 0) {
        map_ = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
        if (map_ == MAP_FAILED) {
            map_ = nullptr;
            ::close(fd);
            throw Error("cannot memory-map '" + path + "': " + std::strerror(errno));
        }
    }
    ::close(fd);

    try {
        const auto* bytes = static_cast<const std::byte*>(map_);
        if (size_ < 8)
            throw Error("'" + path + "' is truncated: " + std::to_string(size_) +
                        " bytes, shorter than the 8-byte header length");
        std::uint64_t header_len = 0;
        for (int i = 7; i >= 0; --i) header_len = (header_len << 8) | std::uint64_t(bytes[i]);
        if (header_len == 0) throw Error("'" + path + "': header length is 0");
        if (header_len > size_ - 8)
            throw Error("'" + path + "': header length " + std::to_string(header_len) +
                        " runs past the end of the file (" + std::to_string(size_) +
                        " bytes); the file is truncated or not safetensors");
        if (header_len > kMaxHeader)
            throw Error("'" + path + "': header length " + std::to_string(header_len) + " exceeds the 100 MB limit");

        const std::string header(reinterpret_cast<const char*>(bytes + 8), header_len);
        json j;
        try {
            j = json::parse(header);
        } catch (const json::exception& e) {
            throw Error("'" + path + "': header is not valid JSON (" + e.what() + ")");
        }
        if (!j.is_object()) throw Error("'" + path + "': header is not a JSON object");

        const std::size_t data_start = 8 + header_len;
        const std::size_t data_size = size_ - data_start;
        for (auto it = j.begin(); it != j.end(); ++it) {
            const std::string& key = it.key();
            if (key == "__metadata__") {
                if (!it->is_object()) throw Error("'" + path + "': __metadata__ is not an object");
                for (auto m = it->begin(); m != it->end(); ++m)
                    if (m->is_string()) metadata_[m.key()] = m->get<std::string>();
                continue;
            }
            const std::string where = "'" + path + "', tensor '" + key + "'";
            const json& e = *it;
            if (!e.is_object()) throw Error(where + ": entry is not an object");
            const auto dt = e.find("dtype");
            const auto sh = e.find("shape");
            const auto off = e.find("data_offsets");
            if (dt == e.end() || !dt->is_string()) throw Error(where + ": missing or non-string 'dtype'");
            if (sh == e.end() || !sh->is_array()) throw Error(where + ": missing or non-array 'shape'");
            if (off == e.end() || !off->is_array() || off->size() != 2)
                throw Error(where + ": 'data_offsets' must be an array [begin, end]");

            TensorInfo t;
            t.name = key;
            t.file = path;
            const std::string dts = dt->get<std::string>();
            const auto parsed = parseDType(dts);
            if (!parsed) {
                if (isKnownUnsupportedDType(dts))
                    throw Error(where + ": dtype " + dts + " is not supported (BasisLab reads F32, F16 and BF16)");
                throw Error(where + ": unknown dtype '" + dts + "'");
            }
            t.dtype = *parsed;
            std::uint64_t numel = 1;
            for (const auto& d : *sh) {
                const std::uint64_t dim = nonNegativeInt(d, where + ": shape entry");
                if (dim != 0 && numel > std::numeric_limits<std::uint64_t>::max() / 16 / dim)
                    throw Error(where + ": shape " + sh->dump() + " is too large");
                numel *= dim;
                t.shape.push_back(std::int64_t(dim));
            }
            const std::uint64_t begin = nonNegativeInt((*off)[0], where + ": data_offsets begin");
            const std::uint64_t end = nonNegativeInt((*off)[1], where + ": data_offsets end");
            if (end < begin)
                throw Error(where + ": data_offsets [" + std::to_string(begin) + ", " + std::to_string(end) +
                            "] end before begin");
            if (end > data_size)
                throw Error(where + ": data_offsets end " + std::to_string(end) + " is past the data section (" +
                            std::to_string(data_size) + " bytes); the file is truncated or corrupt");
            const std::uint64_t expected = numel * elementSize(t.dtype);
            if (end - begin != expected)
                throw Error(where + ": " + std::to_string(end - begin) + " bytes for dtype " + dts + " and shape " +
                            t.shapeString() + ", which need " + std::to_string(expected));
            t.data = bytes + data_start + begin;
            t.nbytes = std::size_t(end - begin);
            index_[key] = tensors_.size();
            tensors_.push_back(std::move(t));
        }

        // The tensors must tile the data section exactly: sorted by offset, no overlap, no hole.
        std::vector<const TensorInfo*> order;
        for (const auto& t : tensors_) order.push_back(&t);
        std::sort(order.begin(), order.end(),
                  [](auto* a, auto* b) { return a->data != b->data ? a->data < b->data : a->nbytes < b->nbytes; });
        const std::byte* cursor = bytes + data_start;
        for (const TensorInfo* t : order) {
            if (t->data < cursor)
                throw Error("'" + path + "': tensor '" + t->name +
                            "' overlaps the tensor before it in the data section");
            if (t->data > cursor)
                throw Error("'" + path + "': hole of " + std::to_string(t->data - cursor) + " bytes before tensor '" +
                            t->name + "' in the data section");
            cursor = t->data + t->nbytes;
        }
        if (cursor != bytes + size_)
            throw Error("'" + path + "': " + std::to_string((bytes + size_) - cursor) +
                        " bytes after the last tensor are not described by the header");
    } catch (...) {
        if (map_) ::munmap(map_, size_);
        map_ = nullptr;
        throw;
    }
}

SafetensorsFile::~SafetensorsFile() {
    if (map_) ::munmap(map_, size_);
}

const TensorInfo* SafetensorsFile::find(const std::string& name) const {
    const auto it = index_.find(name);
    return it == index_.end() ? nullptr : &tensors_[it->second];
}

std::shared_ptr<Checkpoint> Checkpoint::open(const std::string& dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw Error("model folder '" + dir + "' does not exist or is not a folder");
    auto ckpt = std::shared_ptr<Checkpoint>(new Checkpoint());
    ckpt->dir_ = dir;

    const fs::path root(dir);
    const fs::path index = root / "model.safetensors.index.json";
    const fs::path single = root / "model.safetensors";
    auto addFile = [&](const fs::path& p) {
        ckpt->files_.push_back(std::make_unique<SafetensorsFile>(p.string()));
        for (const auto& t : ckpt->files_.back()->tensors()) {
            if (ckpt->tensors_.count(t.name))
                throw Error("tensor '" + t.name + "' appears twice: in '" + ckpt->tensors_[t.name]->file + "' and '" +
                            p.string() + "'");
            ckpt->tensors_[t.name] = &t;
        }
    };

    if (fs::exists(index)) {
        json j;
        try {
            j = json::parse(readFileBytes(index.string()));
        } catch (const json::exception& e) {
            throw Error("'" + index.string() + "': not valid JSON (" + e.what() + ")");
        }
        const auto wm = j.is_object() ? j.find("weight_map") : j.end();
        if (!j.is_object() || wm == j.end() || !wm->is_object() || wm->empty())
            throw Error("'" + index.string() + "': missing or empty 'weight_map'");
        std::map<std::string, std::vector<std::string>> by_shard;
        for (auto it = wm->begin(); it != wm->end(); ++it) {
            if (!it->is_string())
                throw Error("'" + index.string() + "': weight_map entry for '" + it.key() + "' is not a file name");
            const std::string shard = it->get<std::string>();
            if (shard.find('/') != std::string::npos || shard == ".." || shard.empty())
                throw Error("'" + index.string() + "': shard name '" + shard +
                            "' must be a plain file name in the folder");
            by_shard[shard].push_back(it.key());
        }
        for (const auto& [shard, names] : by_shard) {
            const fs::path p = root / shard;
            if (!fs::exists(p))
                throw Error("missing shard '" + p.string() + "' (the index lists " + std::to_string(names.size()) +
                            " tensors in it, e.g. '" + names.front() + "')");
            addFile(p);
            for (const auto& n : names)
                if (!ckpt->files_.back()->find(n))
                    throw Error("'" + index.string() + "' says tensor '" + n + "' is in '" + p.string() +
                                "', but that file does not contain it");
        }
        return ckpt;
    }
    if (fs::exists(single)) {
        addFile(single);
        return ckpt;
    }

    std::vector<fs::path> safes, pickles;
    for (const auto& entry : fs::directory_iterator(root, ec)) {
        const auto ext = entry.path().extension().string();
        if (ext == ".safetensors") safes.push_back(entry.path());
        if (ext == ".bin" || ext == ".pt" || ext == ".pth" || ext == ".ckpt") pickles.push_back(entry.path());
    }
    if (safes.size() == 1) {
        addFile(safes.front());
        return ckpt;
    }
    if (safes.size() > 1)
        throw Error("model folder '" + dir + "' holds several .safetensors files but no model.safetensors.index.json");
    if (!pickles.empty())
        throw Error("refusing pickle checkpoint '" + pickles.front().string() +
                    "': loading pickle files can execute arbitrary code. Convert it to safetensors first "
                    "(transformers: model.save_pretrained(dir, safe_serialization=True))");
    throw Error("no weights in '" + dir + "': expected model.safetensors or model.safetensors.index.json");
}

const TensorInfo* Checkpoint::find(const std::string& name) const {
    const auto it = tensors_.find(name);
    return it == tensors_.end() ? nullptr : it->second;
}

const TensorInfo& Checkpoint::tensor(const std::string& name) const {
    if (const auto* t = find(name)) return *t;
    throw Error("tensor '" + name + "' is missing from the checkpoint in '" + dir_ + "'");
}

std::vector<std::string> Checkpoint::names() const {
    std::vector<std::string> out;
    for (const auto& [n, t] : tensors_) out.push_back(n);
    return out;
}

std::size_t Checkpoint::totalBytes() const {
    std::size_t n = 0;
    for (const auto& [name, t] : tensors_) n += t->nbytes;
    return n;
}

void releasePages(const TensorInfo& info) {
    if (!info.data || info.nbytes == 0) return;
    const auto page = std::uintptr_t(::sysconf(_SC_PAGESIZE));
    const auto begin = reinterpret_cast<std::uintptr_t>(info.data);
    const std::uintptr_t first = (begin + page - 1) / page * page;  // whole pages only
    const std::uintptr_t last = (begin + info.nbytes) / page * page;
    // Advisory: a failure only leaves the pages resident.
    if (last > first) (void)::madvise(reinterpret_cast<void*>(first), last - first, MADV_DONTNEED);
}

}  // namespace basislab
