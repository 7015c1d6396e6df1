// Reading safetensors checkpoints: single file or sharded, memory-mapped, validated before use.
//
// File layout (https://github.com/huggingface/safetensors):
//   1. 8 bytes: N, the header length, unsigned little-endian
//   2. N bytes: a JSON object { "__metadata__": {str: str} (optional),
//                               name: {"dtype": "F32"|"F16"|"BF16"|..., "shape": [d0, d1, ...],
//                                      "data_offsets": [begin, end]}, ... }
//   3. the data section: raw little-endian tensor bytes; offsets are relative to its start.
// Every tensor's offsets must lie inside the data section, match dtype x shape exactly, and the
// tensors must cover the data section without overlaps or holes (the format's own rule). Any
// violation is an Error naming the file and the tensor; nothing is read before it is checked.
//
// A model folder holds either `model.safetensors` or `model.safetensors.index.json` plus the
// shards its "weight_map" names. Pickle checkpoints (`*.bin`, `*.pt`, `*.pth`) are refused:
// unpickling can execute arbitrary code.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace basislab {

enum class DType { F32, F16, BF16 };
const char* name(DType d);
std::size_t elementSize(DType d);

struct TensorInfo {
    std::string name;
    DType dtype = DType::F32;
    std::vector<std::int64_t> shape;
    const std::byte* data = nullptr;  // inside the file's read-only mapping
    std::size_t nbytes = 0;
    std::string file;  // the file that holds it, for messages

    std::int64_t numel() const;
    std::string shapeString() const;  // "[4096, 11008]"
};

/// One memory-mapped .safetensors file. The mapping lives as long as the object.
class SafetensorsFile {
public:
    explicit SafetensorsFile(const std::string& path);
    ~SafetensorsFile();
    SafetensorsFile(const SafetensorsFile&) = delete;
    SafetensorsFile& operator=(const SafetensorsFile&) = delete;

    const std::string& path() const { return path_; }
    const std::vector<TensorInfo>& tensors() const { return tensors_; }
    const TensorInfo* find(const std::string& name) const;
    const std::map<std::string, std::string>& metadata() const { return metadata_; }
    std::size_t fileSize() const { return size_; }

private:
    std::string path_;
    void* map_ = nullptr;
    std::size_t size_ = 0;
    std::vector<TensorInfo> tensors_;
    std::map<std::string, std::size_t> index_;
    std::map<std::string, std::string> metadata_;
};

/// All safetensors files of a model folder, with one tensor lookup across shards.
class Checkpoint {
public:
    /// Opens `dir`/model.safetensors or `dir`/model.safetensors.index.json and its shards.
    static std::shared_ptr<Checkpoint> open(const std::string& dir);

    const std::string& dir() const { return dir_; }
    const TensorInfo* find(const std::string& name) const;
    /// Throws Error naming the tensor and the folder when it is absent.
    const TensorInfo& tensor(const std::string& name) const;
    std::vector<std::string> names() const;
    const std::vector<std::unique_ptr<SafetensorsFile>>& files() const { return files_; }
    std::size_t totalBytes() const;

private:
    std::string dir_;
    std::vector<std::unique_ptr<SafetensorsFile>> files_;
    std::map<std::string, const TensorInfo*> tensors_;
};

}  // namespace basislab
