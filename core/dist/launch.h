// How a process learns its place in a distributed run (torch-free): its rank, the world size and
// where the group meets, from the launcher's environment or from command-line options.
//
// Sources, first match wins:
//   options   --rank R --world-size W plus --master HOST:PORT or --store-file PATH
//   torchrun  RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR, MASTER_PORT (torchrun and
//             torch.distributed.launch export them; so can any script)
//   Slurm     SLURM_PROCID, SLURM_NTASKS, SLURM_LOCALID (srun sets them for each task), with
//             MASTER_ADDR / MASTER_PORT from the environment or --master
//   none      a single process (world size 1)
// A world size of 1 from any source is a plain single-process run. The group meets at a TCPStore
// served by rank 0 at HOST:PORT, or at a FileStore (a new file on a file system every rank sees).
#pragma once

#include <functional>
#include <optional>
#include <string>

namespace basislab::dist {

struct LaunchConfig {
    int rank = 0;
    int world_size = 1;
    int local_rank = -1;  // the rank among the processes of this machine; -1 when unknown
    std::string master_host;  // where rank 0 serves the TCPStore (empty with a store file)
    int master_port = 0;
    std::string store_file;  // a FileStore instead of a TCPStore (empty: TCPStore)
    double timeout_seconds = 300;  // every wait on another rank (joining, collectives)
    std::string source = "single process";  // "options", "torchrun environment", "Slurm environment"

    bool distributed() const { return world_size > 1; }
    /// "rank 1 of 3 (torchrun environment)".
    std::string describe() const;
};

/// The launch options of a command line, as given (unset when absent).
struct LaunchOptions {
    std::optional<long long> rank;
    std::optional<long long> world_size;
    std::optional<std::string> master;  // HOST:PORT, [IPv6]:PORT
    std::optional<std::string> store_file;
    std::optional<double> timeout_seconds;
};

/// Reads an environment variable; unset -> nullopt. The default reads the process environment.
using Environment = std::function<std::optional<std::string>(const std::string& name)>;
Environment processEnvironment();

/// The launch configuration from the options and the environment. Throws Error naming the
/// option or variable at fault: a rank outside 0 .. W-1, a world size below 1, a non-number, a
/// distributed run without a meeting place, --rank without --world-size, a port outside 1..65535.
LaunchConfig resolveLaunch(const LaunchOptions& options, const Environment& env = processEnvironment());

/// Splits "HOST:PORT" / "[v6]:PORT"; Error naming `what` otherwise.
std::pair<std::string, int> parseHostPort(const std::string& text, const std::string& what);

/// The device a rank computes on: "cuda" becomes "cuda:<local rank>" in a distributed run that
/// knows its local rank; anything else (cpu, cuda:N) is kept.
std::string deviceForRank(const std::string& device, const LaunchConfig& launch);

}  // namespace basislab::dist
