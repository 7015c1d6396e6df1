#include "task_file.h"

#include "../base/error.h"
#include "../model/tokenizer.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>

namespace basislab {
namespace {

using nlohmann::json;

bool isPythonSpace(std::uint32_t c) {
    return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

std::string stringAt(const json& j, const char* key, const std::string& where) {
    const auto it = j.find(key);
    if (it == j.end()) throw Error(where + ": missing \"" + key + "\"");
    if (!it->is_string()) throw Error(where + ": \"" + key + "\" must be a string");
    return it->get<std::string>();
}

std::vector<std::string> stringsAt(const json& j, const char* key, const std::string& where) {
    const auto it = j.find(key);
    if (it == j.end()) throw Error(where + ": missing \"" + key + "\"");
    if (!it->is_array() || it->size() < 2)
        throw Error(where + ": \"" + key + "\" must be an array of 2 or more strings");
    std::vector<std::string> out;
    for (const json& s : *it) {
        if (!s.is_string()) throw Error(where + ": \"" + key + "\" must hold only strings");
        out.push_back(s.get<std::string>());
    }
    return out;
}

void checkContext(const std::string& context, const std::string& where) {
    if (!context.empty() && trailingWhitespaceBytes(context) == context.size())
        throw Error(where + ": a context of only whitespace cannot be scored (use an empty context)");
}

TaskDocument parseDocument(const json& j, bool& partial, const std::string& where) {
    if (!j.is_object()) throw Error(where + ": not a JSON object");
    TaskDocument d;
    const bool first = j.contains("context") || j.contains("choices");
    const bool second = j.contains("contexts") || j.contains("continuation");
    if (first == second)
        throw Error(where + ": a document has either \"context\" and \"choices\" or \"contexts\" and \"continuation\"");
    partial = second;
    if (first) {
        const std::string context = stringAt(j, "context", where);
        checkContext(context, where);
        std::string delimiter;
        if (j.contains("target_delimiter")) delimiter = stringAt(j, "target_delimiter", where);
        for (const std::string& choice : stringsAt(j, "choices", where)) {
            if (choice.empty()) throw Error(where + ": an empty choice cannot be scored");
            d.contexts.push_back(context);
            d.continuations.push_back(delimiter + choice);
            d.choice_lengths.push_back(double(codePoints(choice)));
        }
    } else {
        const std::string continuation = stringAt(j, "continuation", where);
        if (continuation.empty()) throw Error(where + ": an empty continuation cannot be scored");
        for (const std::string& context : stringsAt(j, "contexts", where)) {
            checkContext(context, where);
            d.contexts.push_back(context);
            d.continuations.push_back(continuation);
        }
    }
    const auto gold = j.find("gold");
    if (gold == j.end() || !gold->is_number_integer()) throw Error(where + ": \"gold\" must be an integer");
    const std::int64_t g = gold->get<std::int64_t>();
    if (g < 0 || g >= std::int64_t(d.contexts.size()))
        throw Error(where + ": \"gold\" " + std::to_string(g) + " is not the index of a choice (0.." +
                    std::to_string(d.contexts.size() - 1) + ")");
    d.gold = int(g);
    return d;
}

}  // namespace

std::size_t codePoints(const std::string& text) {
    std::size_t n = 0;
    for (unsigned char c : text) n += (c & 0xC0) != 0x80;
    return n;
}

std::size_t trailingWhitespaceBytes(const std::string& text) {
    std::size_t end = text.size();
    while (end > 0) {
        std::size_t start = end - 1;
        while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
        const auto* p = reinterpret_cast<const unsigned char*>(text.data()) + start;
        const std::size_t len = end - start;
        std::uint32_t c =
            len == 1   ? p[0]
            : len == 2 ? ((p[0] & 0x1Fu) << 6) | (p[1] & 0x3Fu)
            : len == 3 ? ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu)
                       : ((p[0] & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
        if (!isPythonSpace(c)) break;
        end = start;
    }
    return text.size() - end;
}

TaskFile readTaskFile(const std::string& path) {
    TaskFile t;
    t.path = path;
    const std::filesystem::path p(path);
    t.name = p.extension() == ".jsonl" ? p.stem().string() : p.filename().string();
    const std::string text = readUtf8File(path);
    std::size_t begin = 0;
    int line = 0;
    while (begin < text.size()) {
        std::size_t end = text.find('\n', begin);
        if (end == std::string::npos) end = text.size();
        ++line;
        std::string row = text.substr(begin, end - begin);
        begin = end + 1;
        if (!row.empty() && row.back() == '\r') row.pop_back();
        if (row.find_first_not_of(" \t") == std::string::npos) continue;
        const std::string where = "'" + path + "' line " + std::to_string(line);
        json j;
        try {
            j = json::parse(row);
        } catch (const json::exception& e) {
            throw Error(where + ": not valid JSON (" + e.what() + ")");
        }
        bool partial = false;
        TaskDocument d = parseDocument(j, partial, where);
        d.line = line;
        if (t.documents.empty())
            t.partial = partial;
        else if (partial != t.partial)
            throw Error(where + ": mixes the two document forms; a task file holds one");
        t.documents.push_back(std::move(d));
    }
    if (t.documents.empty()) throw Error("'" + path + "' holds no documents");
    return t;
}

}  // namespace basislab
