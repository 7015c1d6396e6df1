// The SentencePiece module: see sentencepiece_module.h for why it exists.
#include "sentencepiece_module.h"

#include <sentencepiece_processor.h>

#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

struct bl_spm {
    sentencepiece::SentencePieceProcessor processor;
};

namespace {
void setError(char* err, size_t err_size, const std::string& message) {
    if (!err || err_size == 0) return;
    std::strncpy(err, message.c_str(), err_size - 1);
    err[err_size - 1] = '\0';
}
}  // namespace

extern "C" {

bl_spm* bl_spm_load(const char* model_path, char* err, size_t err_size) {
    auto* spm = new bl_spm();
    // A malformed model can make SentencePiece throw instead of returning a status (found by
    // fuzzing: a zero-length piece throws Darts::Details::Exception from the trie builder); no C++
    // exception may cross this C interface.
    try {
        const auto status = spm->processor.Load(model_path);
        if (status.ok()) return spm;
        setError(err, err_size, status.ToString());
    } catch (const std::exception& e) {
        setError(err, err_size, std::string("SentencePiece could not build the model: ") + e.what());
    } catch (...) {
        setError(err, err_size, "SentencePiece could not build the model");
    }
    delete spm;
    return nullptr;
}

void bl_spm_free(bl_spm* spm) {
    delete spm;
}

long bl_spm_encode(bl_spm* spm, const char* text, size_t size, int** ids, char* err, size_t err_size) {
    std::vector<int> out;
    try {
        const auto status = spm->processor.Encode(std::string(text, size), &out);
        if (!status.ok()) {
            setError(err, err_size, status.ToString());
            return -1;
        }
    } catch (const std::exception& e) {
        setError(err, err_size, std::string("SentencePiece failed to encode: ") + e.what());
        return -1;
    }
    *ids = static_cast<int*>(std::malloc(sizeof(int) * (out.size() + 1)));
    if (!*ids) {
        setError(err, err_size, "out of memory");
        return -1;
    }
    if (!out.empty()) std::memcpy(*ids, out.data(), sizeof(int) * out.size());
    return long(out.size());
}

long bl_spm_decode(bl_spm* spm, const int* ids, size_t count, char** text, char* err, size_t err_size) {
    std::string out;
    try {
        const auto status = spm->processor.Decode(std::vector<int>(ids, ids + count), &out);
        if (!status.ok()) {
            setError(err, err_size, status.ToString());
            return -1;
        }
    } catch (const std::exception& e) {
        setError(err, err_size, std::string("SentencePiece failed to decode: ") + e.what());
        return -1;
    }
    *text = static_cast<char*>(std::malloc(out.size() + 1));
    if (!*text) {
        setError(err, err_size, "out of memory");
        return -1;
    }
    if (!out.empty()) std::memcpy(*text, out.data(), out.size());
    return long(out.size());
}

void bl_spm_free_buffer(void* buffer) {
    std::free(buffer);
}
int bl_spm_bos(const bl_spm* spm) {
    return spm->processor.bos_id();
}
int bl_spm_eos(const bl_spm* spm) {
    return spm->processor.eos_id();
}
int bl_spm_vocab_size(const bl_spm* spm) {
    return spm->processor.GetPieceSize();
}

}  // extern "C"
