// The Llama tokenizer: a SentencePiece `tokenizer.model` read through libsentencepiece
// (loaded through a small module, see sentencepiece_module.h).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct bl_spm;

namespace basislab {

class Tokenizer {
public:
    /// Loads a SentencePiece model file. Throws Error naming the file when it cannot.
    explicit Tokenizer(const std::string& model_path);
    ~Tokenizer();
    Tokenizer(const Tokenizer&) = delete;
    Tokenizer& operator=(const Tokenizer&) = delete;

    /// Token ids of `text` (UTF-8), without BOS or EOS.
    std::vector<int> encode(std::string_view text) const;
    std::string decode(const std::vector<int>& ids) const;
    int bos() const;
    int eos() const;
    int vocabSize() const;
    const std::string& path() const { return path_; }

private:
    std::string path_;
    bl_spm* spm_ = nullptr;
};

/// Reads a text file as bytes and checks that it is valid UTF-8. Throws Error naming the file and
/// the byte offset of the first invalid sequence.
std::string readUtf8File(const std::string& path);
/// Offset of the first invalid UTF-8 byte, or npos when `bytes` is valid UTF-8.
std::size_t firstInvalidUtf8(std::string_view bytes);

}  // namespace basislab
