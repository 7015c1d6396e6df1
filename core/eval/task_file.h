// Zero-shot task files: JSON Lines, one multiple-choice document per line, in one of two forms:
//   {"context": "...", "choices": ["...", "..."], "gold": 1}
//       each choice continues the one context (optionally "target_delimiter": " ", prepended to each
//       choice when scoring but not counted in its acc_norm length, as lm-eval's target_delimiter);
//   {"contexts": ["...", "..."], "continuation": "...", "gold": 0}
//       WinoGrande's partial scoring: each choice is a context, only the shared continuation is scored.
// Strings are used as written. Blank lines are skipped. One file holds one form. Torch-free.
#pragma once

#include <string>
#include <vector>

namespace basislab {

struct TaskDocument {
    int line = 0;  // 1-based line in the file
    /// One (context, continuation) request per choice.
    std::vector<std::string> contexts;
    std::vector<std::string> continuations;
    /// Choice lengths in code points for acc_norm (the first form; empty for the second).
    std::vector<double> choice_lengths;
    int gold = 0;
};

struct TaskFile {
    std::string path;
    std::string name;  // the file name without its .jsonl extension
    bool partial = false;  // the second form: no acc_norm
    std::vector<TaskDocument> documents;
};

/// Reads a task file. Throws Error naming the file and line of anything malformed.
TaskFile readTaskFile(const std::string& path);

/// The number of Unicode code points of valid UTF-8 `text`.
std::size_t codePoints(const std::string& text);
/// The bytes of trailing whitespace of valid UTF-8 `text`, whitespace as Python's str.isspace()
/// (what lm-eval's context.rstrip() removes).
std::size_t trailingWhitespaceBytes(const std::string& text);

}  // namespace basislab
