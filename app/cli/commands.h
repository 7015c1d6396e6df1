// The basislab-cli commands. Each takes the arguments after its name and returns the exit status.
#pragma once

#include <string>
#include <vector>

namespace basislab::cli {

using Argv = std::vector<std::string>;

int runInfo(const Argv& argv);
int runEval(const Argv& argv);
int runGenerate(const Argv& argv);
int runCalibrate(const Argv& argv);
int runInspect(const Argv& argv);
int runCompress(const Argv& argv);
int runSweep(const Argv& argv);
int runReparametrise(const Argv& argv);
int runZeroShot(const Argv& argv);

}  // namespace basislab::cli
