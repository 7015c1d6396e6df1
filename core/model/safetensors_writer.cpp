#include "safetensors_writer.h"

#include "../base/atomic_file.h"
#include "../base/error.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <set>

namespace basislab {

std::size_t TensorToWrite::nbytes() const {
    std::size_t n = elementSize(dtype);
    for (std::int64_t d : shape) n *= std::size_t(d);
    return n;
}

TensorToWrite copyOf(const TensorInfo& info) {
    TensorToWrite t;
    t.name = info.name;
    t.dtype = info.dtype;
    t.shape = info.shape;
    const std::byte* data = info.data;
    const std::size_t n = info.nbytes;
    t.fill = [data, n](std::byte* out) {
        if (n > 0) std::memcpy(out, data, n);
    };
    return t;
}

void writeSafetensors(const std::string& path, const std::vector<TensorToWrite>& tensors,
                      const std::map<std::string, std::string>& metadata,
                      const std::function<void(std::size_t)>& after_tensor) {
    nlohmann::ordered_json header = nlohmann::ordered_json::object();
    if (!metadata.empty()) header["__metadata__"] = metadata;
    std::set<std::string> names;
    std::size_t offset = 0;
    for (const TensorToWrite& t : tensors) {
        if (t.name.empty() || t.name == "__metadata__" || !names.insert(t.name).second)
            throw Error("'" + path + "': tensor name '" + t.name + "' is empty, reserved or repeated");
        for (std::int64_t d : t.shape)
            if (d < 0) throw Error("'" + path + "': tensor '" + t.name + "' has a negative dimension");
        header[t.name] = {
            {"dtype", name(t.dtype)}, {"shape", t.shape}, {"data_offsets", {offset, offset + t.nbytes()}}};
        offset += t.nbytes();
    }
    std::string text = header.dump();
    while (text.size() % 8) text += ' ';

    AtomicFile file(path);
    {
        const auto closer = [](std::FILE* f) { std::fclose(f); };
        std::unique_ptr<std::FILE, decltype(closer)> out(std::fopen(file.tempPath().c_str(), "wb"), closer);
        if (!out) throw Error("cannot create '" + file.tempPath() + "': " + std::strerror(errno));
        auto write = [&](const void* p, std::size_t n) {
            if (n && std::fwrite(p, 1, n, out.get()) != n)
                throw Error("cannot write '" + file.tempPath() + "': " + std::strerror(errno));
        };
        unsigned char len[8];
        const std::uint64_t n = text.size();
        for (int i = 0; i < 8; ++i) len[i] = (unsigned char)((n >> (8 * i)) & 0xff);
        write(len, 8);
        write(text.data(), text.size());
        std::vector<std::byte> buffer;
        for (std::size_t i = 0; i < tensors.size(); ++i) {
            buffer.assign(tensors[i].nbytes(), std::byte{0});
            tensors[i].fill(buffer.data());
            write(buffer.data(), buffer.size());
            if (after_tensor) after_tensor(i);
        }
        if (std::fflush(out.get()) != 0) throw Error("cannot write '" + file.tempPath() + "': " + std::strerror(errno));
    }
    file.commit();
}

}  // namespace basislab
