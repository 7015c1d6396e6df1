#include "process_memory.h"

#include <fstream>
#include <sstream>
#include <string>

namespace basislab::api {

std::int64_t residentSetBytes() {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("VmRSS:", 0) != 0) continue;
        std::istringstream fields(line.substr(6));
        std::int64_t kib = -1;
        fields >> kib;
        return kib >= 0 ? kib * 1024 : -1;
    }
    return -1;
}

}  // namespace basislab::api
