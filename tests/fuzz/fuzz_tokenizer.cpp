// The tokenizer entry, apart from the others: its target is built without ASan (see fuzz_entries.h).
#include "fuzz_entries.h"

#include "model/tokenizer.h"

namespace basislab::fuzz {

void tokenizerModel(const std::uint8_t* data, std::size_t size) {
    const std::string path = writeInput("tokenizer.model", data, size);
    expectingErrors([&] {
        const Tokenizer tok(path);
        const std::vector<int> ids = tok.encode("Once upon a time, a little \xed\x95\x9c robot said 42.");
        sink = sink + unsigned(ids.size() + tok.decode(ids).size() + unsigned(tok.vocabSize()));
    });
}

}  // namespace basislab::fuzz
