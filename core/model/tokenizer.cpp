#include "tokenizer.h"

#include "../base/atomic_file.h"
#include "../base/error.h"
#include "sentencepiece_module.h"

#include <dlfcn.h>
#include <unistd.h>
#include <filesystem>
#include <mutex>

#ifndef BASISLAB_MODULE_BUILD_DIR
#define BASISLAB_MODULE_BUILD_DIR ""
#endif
#ifndef BASISLAB_MODULE_INSTALL_DIR
#define BASISLAB_MODULE_INSTALL_DIR ""
#endif

namespace basislab {
namespace {

constexpr const char* kModuleName = "libbasislab_sentencepiece.so";

/// The module's entry points, loaded once per process (see sentencepiece_module.h).
struct SpmApi {
    decltype(&bl_spm_load) load = nullptr;
    decltype(&bl_spm_free) free = nullptr;
    decltype(&bl_spm_encode) encode = nullptr;
    decltype(&bl_spm_decode) decode = nullptr;
    decltype(&bl_spm_free_buffer) free_buffer = nullptr;
    decltype(&bl_spm_bos) bos = nullptr;
    decltype(&bl_spm_eos) eos = nullptr;
    decltype(&bl_spm_vocab_size) vocab_size = nullptr;
};

std::vector<std::string> moduleCandidates() {
    namespace fs = std::filesystem;
    std::vector<std::string> out;
    if (const char* env = std::getenv("BASISLAB_SENTENCEPIECE_MODULE"); env && *env) out.emplace_back(env);
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        out.push_back((exe.parent_path() / kModuleName).string());
        out.push_back((exe.parent_path() / ".." / "lib" / kModuleName).string());
        out.push_back((exe.parent_path() / ".." / "lib" / "basislab" / kModuleName).string());
    }
    if (*BASISLAB_MODULE_BUILD_DIR) out.push_back(std::string(BASISLAB_MODULE_BUILD_DIR) + "/" + kModuleName);
    if (*BASISLAB_MODULE_INSTALL_DIR) out.push_back(std::string(BASISLAB_MODULE_INSTALL_DIR) + "/" + kModuleName);
    return out;
}

const SpmApi& api() {
    static SpmApi instance;
    static std::string failure;
    static std::once_flag once;
    std::call_once(once, [] {
        void* handle = nullptr;
        std::string tried;
        for (const auto& path : moduleCandidates()) {
            if (!std::filesystem::exists(path)) {
                tried += "\n  " + path + " (absent)";
                continue;
            }
#if defined(__SANITIZE_ADDRESS__)
            failure =
                "the SentencePiece module cannot be isolated from LibTorch's protobuf in an AddressSanitizer "
                "build (ASan forbids RTLD_DEEPBIND); use the UBSan option or a normal build for tokenization";
            return;
#else
            handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND);
#endif
            if (handle) break;
            tried += "\n  " + path + " (" + ::dlerror() + ")";
        }
        if (!handle) {
            failure = std::string("cannot load the SentencePiece module ") + kModuleName + "; tried:" + tried +
                      "\n(set BASISLAB_SENTENCEPIECE_MODULE to its path)";
            return;
        }
        auto sym = [&](const char* name) {
            void* p = ::dlsym(handle, name);
            if (!p) failure = std::string("the SentencePiece module lacks '") + name + "'";
            return p;
        };
        instance.load = reinterpret_cast<decltype(instance.load)>(sym("bl_spm_load"));
        instance.free = reinterpret_cast<decltype(instance.free)>(sym("bl_spm_free"));
        instance.encode = reinterpret_cast<decltype(instance.encode)>(sym("bl_spm_encode"));
        instance.decode = reinterpret_cast<decltype(instance.decode)>(sym("bl_spm_decode"));
        instance.free_buffer = reinterpret_cast<decltype(instance.free_buffer)>(sym("bl_spm_free_buffer"));
        instance.bos = reinterpret_cast<decltype(instance.bos)>(sym("bl_spm_bos"));
        instance.eos = reinterpret_cast<decltype(instance.eos)>(sym("bl_spm_eos"));
        instance.vocab_size = reinterpret_cast<decltype(instance.vocab_size)>(sym("bl_spm_vocab_size"));
    });
    if (!failure.empty()) throw Error(failure);
    return instance;
}

}  // namespace

Tokenizer::Tokenizer(const std::string& model_path) : path_(model_path) {
    char err[512] = {0};
    spm_ = api().load(model_path.c_str(), err, sizeof err);
    if (!spm_) throw Error("cannot load tokenizer '" + model_path + "': " + err);
}

Tokenizer::~Tokenizer() {
    if (spm_) api().free(spm_);
}

std::vector<int> Tokenizer::encode(std::string_view text) const {
    char err[512] = {0};
    int* ids = nullptr;
    const long n = api().encode(spm_, text.data(), text.size(), &ids, err, sizeof err);
    if (n < 0) throw Error("tokenizer '" + path_ + "' failed to encode: " + err);
    std::vector<int> out(ids, ids + n);
    api().free_buffer(ids);
    return out;
}

std::string Tokenizer::decode(const std::vector<int>& ids) const {
    for (int id : ids)
        if (id < 0 || id >= vocabSize()) throw Error("token id " + std::to_string(id) + " is outside the vocabulary");
    char err[512] = {0};
    char* text = nullptr;
    const long n = api().decode(spm_, ids.data(), ids.size(), &text, err, sizeof err);
    if (n < 0) throw Error("tokenizer '" + path_ + "' failed to decode: " + err);
    std::string out(text, std::size_t(n));
    api().free_buffer(text);
    return out;
}

int Tokenizer::bos() const {
    return api().bos(spm_);
}
int Tokenizer::eos() const {
    return api().eos(spm_);
}
int Tokenizer::vocabSize() const {
    return api().vocab_size(spm_);
}

std::size_t firstInvalidUtf8(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = 0;
        std::uint32_t cp = 0;
        if ((c & 0xE0) == 0xC0) {
            len = 2;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            cp = c & 0x07;
        } else {
            return i;
        }
        if (i + len > n) return i;
        for (std::size_t k = 1; k < len; ++k) {
            if ((p[i + k] & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        const bool overlong = (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
        if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
        i += len;
    }
    return std::string_view::npos;
}

std::string readUtf8File(const std::string& path) {
    std::string bytes = readFileBytes(path);
    const std::size_t bad = firstInvalidUtf8(bytes);
    if (bad != std::string_view::npos)
        throw Error("'" + path + "' is not valid UTF-8 (first invalid byte at offset " + std::to_string(bad) + ")");
    return bytes;
}

}  // namespace basislab
