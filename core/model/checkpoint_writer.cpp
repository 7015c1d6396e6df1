#include "checkpoint_writer.h"

#include "../base/atomic_file.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace basislab {

const std::vector<std::string>& modelSideFiles() {
    static const std::vector<std::string> files{"config.json",      "generation_config.json", "tokenizer.model",
                                                "tokenizer.json",   "tokenizer_config.json",  "special_tokens_map.json",
                                                "added_tokens.json"};
    return files;
}

std::vector<std::string> writeCheckpoint(const std::string& dir, const std::vector<TensorToWrite>& tensors,
                                         std::size_t shard_bytes, const std::map<std::string, std::string>& metadata,
                                         const std::function<void(std::size_t)>& after_tensor) {
    std::vector<std::vector<std::size_t>> shards(1);
    std::size_t bytes = 0, total = 0;
    for (std::size_t i = 0; i < tensors.size(); ++i) {
        const std::size_t n = tensors[i].nbytes();
        if (!shards.back().empty() && bytes + n > shard_bytes) {
            shards.emplace_back();
            bytes = 0;
        }
        shards.back().push_back(i);
        bytes += n;
        total += n;
    }
    std::vector<std::string> files;
    if (shards.size() == 1) {
        writeSafetensors(dir + "/model.safetensors", tensors, metadata, after_tensor);
        files.push_back("model.safetensors");
        return files;
    }
    nlohmann::json weight_map = nlohmann::json::object();
    for (std::size_t s = 0; s < shards.size(); ++s) {
        char file[64];
        std::snprintf(file, sizeof file, "model-%05zu-of-%05zu.safetensors", s + 1, shards.size());
        std::vector<TensorToWrite> part;
        for (std::size_t i : shards[s]) {
            part.push_back(tensors[i]);
            weight_map[tensors[i].name] = file;
        }
        const std::vector<std::size_t>& index = shards[s];
        writeSafetensors(dir + "/" + file, part, metadata, [&](std::size_t j) {
            if (after_tensor) after_tensor(index[j]);
        });
        files.push_back(file);
    }
    const nlohmann::json index{{"metadata", {{"total_size", total}}}, {"weight_map", weight_map}};
    writeFileAtomically(dir + "/model.safetensors.index.json", index.dump(2) + "\n");
    files.push_back("model.safetensors.index.json");
    return files;
}

}  // namespace basislab
