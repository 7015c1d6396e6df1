#include "model_info.h"

#include "../base/error.h"
#include "safetensors.h"

#include <filesystem>
#include <iomanip>
#include <set>
#include <sstream>

namespace basislab {

ModelInfo readModelInfo(const std::string& dir) {
    namespace fs = std::filesystem;
    ModelInfo info;
    info.dir = dir;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw Error("model folder '" + dir + "' does not exist or is not a folder");
    const fs::path cfg = fs::path(dir) / "config.json";
    if (!fs::exists(cfg)) throw Error("model folder '" + dir + "' has no config.json");
    info.config = LlamaConfig::load(cfg.string());
    const auto ckpt = Checkpoint::open(dir);
    const LlamaConfig& c = info.config;
    for (std::size_t i = 0; i < kMatrixTypes.size(); ++i)
        info.params_per_type[i] = c.dIn(kMatrixTypes[i]) * c.dOut(kMatrixTypes[i]) * c.num_hidden_layers;
    for (auto p : info.params_per_type) info.projection_params += p;
    info.embedding_params = std::int64_t(c.vocab_size) * c.hidden_size;
    info.lm_head_params = c.tie_word_embeddings ? 0 : info.embedding_params;
    info.norm_params = std::int64_t(c.hidden_size) * (2 * c.num_hidden_layers + 1);
    info.total_params = info.projection_params + info.embedding_params + info.lm_head_params + info.norm_params;
    std::set<std::string> dtypes;
    for (const auto& f : ckpt->files())
        for (const auto& t : f->tensors()) dtypes.insert(name(t.dtype));
    info.storage_dtype = dtypes.size() == 1 ? *dtypes.begin() : "mixed";
    info.storage_bytes = ckpt->totalBytes();
    info.shard_count = ckpt->files().size();
    info.has_tokenizer = fs::exists(fs::path(dir) / "tokenizer.model");
    return info;
}

namespace {
std::string humanBytes(double b) {
    const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    int u = 0;
    while (b >= 1024 && u < 4) {
        b /= 1024;
        ++u;
    }
    std::ostringstream s;
    s << std::fixed << std::setprecision(u ? 2 : 0) << b << ' ' << units[u];
    return s.str();
}
}  // namespace

std::string ModelInfo::describe() const {
    const LlamaConfig& c = config;
    std::ostringstream s;
    s << "model        " << dir << "\n"
      << "architecture LlamaForCausalLM: " << c.num_hidden_layers << " layers, hidden " << c.hidden_size
      << ", intermediate " << c.intermediate_size << ", heads " << c.num_attention_heads << " (kv "
      << c.num_key_value_heads << ", head_dim " << c.head_dim << "), vocab " << c.vocab_size << "\n"
      << "             rms_norm_eps " << c.rms_norm_eps << ", rope_theta " << c.rope_theta << ", max positions "
      << c.max_position_embeddings << ", tied embeddings " << (c.tie_word_embeddings ? "yes" : "no") << "\n"
      << "parameters   " << total_params << " total (lm_head "
      << (c.tie_word_embeddings ? "tied, counted once" : "separate") << ")\n";
    for (std::size_t i = 0; i < kMatrixTypes.size(); ++i) {
        const MatrixType t = kMatrixTypes[i];
        s << "  " << std::left << std::setw(5) << name(t) << std::right << std::setw(14) << params_per_type[i] << "   ("
          << c.dIn(t) << " x " << c.dOut(t) << " per layer, W = d_in x d_out)\n";
    }
    s << "  embed" << std::setw(14) << embedding_params << "\n";
    if (lm_head_params) s << "  head " << std::setw(14) << lm_head_params << "\n";
    s << "  norms" << std::setw(14) << norm_params << "\n"
      << "storage      " << storage_dtype << ", " << humanBytes(double(storage_bytes)) << " in " << shard_count
      << (shard_count == 1 ? " file" : " files") << "\n"
      << "memory       " << humanBytes(double(computeBytes(4))) << " as float32, "
      << humanBytes(double(computeBytes(2))) << " as bfloat16/float16\n"
      << "tokenizer    " << (has_tokenizer ? "tokenizer.model (SentencePiece)" : "none") << "\n";
    return s.str();
}

}  // namespace basislab
