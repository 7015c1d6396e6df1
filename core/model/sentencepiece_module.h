/* C interface of the SentencePiece module (libbasislab_sentencepiece.so).
 *
 * Why a module: Debian's libsentencepiece carries its own copy of protobuf 3.14 and exports its
 * symbols, while LibTorch loads the system protobuf 3.21. Linked into one process the two copies
 * interpose on each other and the program crashes at start-up. The tokenizer therefore loads
 * libsentencepiece through this small module with dlopen(RTLD_LOCAL | RTLD_DEEPBIND), so that
 * SentencePiece binds to its own protobuf and nothing of it leaks into the global namespace.
 * Only plain C types cross the boundary. Buffers returned here are freed with bl_spm_free_buffer.
 */
#ifndef BASISLAB_SENTENCEPIECE_MODULE_H
#define BASISLAB_SENTENCEPIECE_MODULE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct bl_spm bl_spm;

/* Returns NULL and writes a message into err on failure. */
bl_spm* bl_spm_load(const char* model_path, char* err, size_t err_size);
void bl_spm_free(bl_spm* spm);
/* Returns the number of ids written to *ids (malloc'ed), or -1 with a message in err. */
long bl_spm_encode(bl_spm* spm, const char* text, size_t size, int** ids, char* err, size_t err_size);
/* Returns the number of bytes written to *text (malloc'ed, not NUL-terminated), or -1. */
long bl_spm_decode(bl_spm* spm, const int* ids, size_t count, char** text, char* err, size_t err_size);
void bl_spm_free_buffer(void* buffer);
int bl_spm_bos(const bl_spm* spm);
int bl_spm_eos(const bl_spm* spm);
int bl_spm_vocab_size(const bl_spm* spm);

#ifdef __cplusplus
}
#endif

#endif
