#include "option_help.h"

#include <map>

namespace basislab::cli {
namespace {

const std::map<std::string, OptionHelp>& table() {
    // Key "option" for the meaning every command shares, "command:option" where a command differs.
    static const std::map<std::string, OptionHelp> t{
        // every command that opens a model
        {"model", {"DIR", "the model folder (config.json, *.safetensors, tokenizer.model)", ""}},
        {"device", {"DEV", "where the model computes: cpu, cuda or cuda:N (default cpu)", ""}},
        {"dtype", {"TYPE", "compute dtype: float32, float64, bfloat16 or float16 (default float32)", ""}},
        {"threads", {"N", "CPU threads (default: all cores)", "a whole number of threads"}},
        {"json", {"", "print the result as JSON on stdout", ""}},
        {"quiet", {"", "no progress lines on stderr", ""}},
        {"force", {"", "replace an existing output folder", ""}},
        // eval, generate
        {"text", {"FILE", "the UTF-8 text to score", ""}},
        {"window",
         {"W", "tokens per window; windows do not overlap (protocol in README.md)", "a whole number of tokens"}},
        {"max-windows", {"K", "score at most the first K windows (default: all)", "a positive whole number"}},
        {"prompt", {"TEXT", "the text to continue", ""}},
        {"protocol",
         {"P", "perplexity protocol: basislab (default), basis-sharing or svd-llm (README.md, Perplexity protocols)",
          ""}},
        // zeroshot
        {"tasks", {"A.jsonl,...", "zero-shot task files (JSON Lines), scored as lm-evaluation-harness 0.4.3", ""}},
        {"max-length",
         {"N", "tokens the model reads per choice; longer contexts are cut from the left (default: the model's)",
          "a whole number of tokens"}},
        {"zeroshot-tasks", {"A.jsonl,...", "also score the compressed model on these zero-shot task files", ""}},
        {"max-tokens", {"N", "tokens to generate (default 64)", "a whole number of tokens"}},
        // calibrate, inspect
        {"calibrate:text", {"FILE", "the UTF-8 text the calibration windows are cut from", ""}},
        {"windows", {"N", "number of calibration windows", "a positive whole number"}},
        {"seq-len", {"L", "tokens per calibration window", "a whole number of tokens"}},
        {"shuffle-seed",
         {"S", "pick the windows at random with seed S (default: the first N in order)", "a non-negative integer"}},
        {"calibrate:out", {"FILE.h5", "the calibration store to write (atomically)", ""}},
        {"path", {"P", "streamed (one layer at a time, default) or whole-model", ""}},
        {"micro-batch", {"B", "windows per forward pass (default: automatic)", "a whole number of windows"}},
        {"fisher", {"", "also accumulate the Fisher diagonals (needed by --method fwsvd)", ""}},
        {"spectra",
         {"S", "full Gram spectra: auto (sites up to 2048 wide; wider get lambda_max only), all or none", ""}},
        {"gram-accumulation",
         {"A", "float64 (default), or float32-waves: each wave summed in float32 and added into a float64 Gram", ""}},
        {"calib", {"FILE.h5", "the calibration store (basislab-cli calibrate)", ""}},
        // calibrate, sweep: a distributed launch (README.md, Distributed runs)
        {"rank",
         {"R", "this process's rank, 0 .. W-1 (with --world-size; default: torchrun or Slurm's)", "a whole number"}},
        {"world-size",
         {"W", "processes in the run (with --rank; default: torchrun or Slurm's, else 1)", "a whole number"}},
        {"master", {"HOST:PORT", "where rank 0 serves the group's store (default: MASTER_ADDR:MASTER_PORT)", ""}},
        {"store-file",
         {"PATH", "meet through a new file every rank sees instead of --master (a shared file system)", ""}},
        {"dist-timeout",
         {"S", "seconds any rank waits for another before the run stops with an error (default 300)", "a number"}},
        {"csv", {"", "print the table as CSV", ""}},
        // compress (docs/compression.md)
        {"method", {"M", "svd, asvd, fwsvd, svd-llm or basis-sharing", ""}},
        {"ratio", {"R", "fraction of the compressed matrices' parameters removed, in [0, 1)", "a number in [0, 1)"}},
        {"group-size", {"N", "layers per shared basis (basis-sharing; default 2), or TYPE=N,... per type", ""}},
        {"share", {"LIST", "matrix types sharing a basis across layers (default q,k,v,gate,up)", ""}},
        {"types", {"LIST", "matrix types to compress (default q,k,v,o,gate,up,down)", ""}},
        {"alpha",
         {"FORM",
          "per-layer weight in a shared basis: none, inv-trace, inv-fro, inv-max-eig, "
          "inv-sqrt-trace, inv-output, normalised or power:P",
          ""}},
        {"asvd-exponent", {"A", "exponent of ASVD's activation scaling (default 0.5)", "a number"}},
        {"solver", {"S", "SVD solver: auto, direct or gram (default auto)", ""}},
        {"refit",
         {"", "refit each layer's coefficients on its own Gram after the shared basis (= --update refit)", ""}},
        {"allocation",
         {"A",
          "rank allocation: uniform (every group of a type the formula's rank, default) or error (ranks chosen "
          "to minimise the summed relative whitened error at the uniform plan's parameter count)",
          ""}},
        {"update",
         {"U",
          "coefficient update with the basis fixed: none (default), refit, deviated (fit on the compressed model's "
          "own inputs, as SVD-LLM) or compensate (fit those inputs to the original outputs)",
          ""}},
        {"calib-text",
         {"FILE", "the calibration's text, when it moved (deviated and compensate run its windows again)", ""}},
        {"eval-text", {"FILE", "score the compressed model on this UTF-8 text (with --window)", ""}},
        {"out", {"DIR", "the folder to write", ""}},
        {"format", {"F", "export format: factored (default) or dense", ""}},
        {"export-dtype", {"F", "storage dtype of the export: F32, F16 or BF16 (default: the model's)", ""}},
        // sweep
        {"methods", {"M,...", "methods of the grid", ""}},
        {"ratios", {"R,...", "ratios of the grid, each in [0, 1)", ""}},
        {"group-sizes", {"N,...", "group sizes of the grid (default 2)", ""}},
        {"alphas", {"FORM,...", "alpha forms of the grid (default none)", ""}},
        {"allocations", {"A,...", "rank allocations of the grid: uniform and/or error (default uniform)", ""}},
        {"updates", {"U,...", "updates of the grid: none, refit, deviated, compensate (default none)", ""}},
        {"share-sets", {"LIST/LIST", "sets of shared types of the grid, separated by / (default q,k,v,gate,up)", ""}},
        {"sweep:out", {"FILE.csv", "the CSV to write, one row per run (rewritten after every run)", ""}},
        {"latex", {"FILE.tex", "also write a LaTeX table of the perplexities", ""}},
        // reparametrise
        {"reparametrise:out", {"DIR", "the folder of the rescaled twin", ""}},
        {"scales", {"c_0,...", "per-layer scales of the attention inputs", ""}},
        {"mlp-scales", {"c_0,...", "per-layer scales of the MLP inputs (default: --scales)", ""}},
        {"seed", {"S", "random scales with seed S", "an integer"}},
        {"max-factor", {"F", "random scales lie in [1/F, F] (default 4)", "a number"}},
        // the benchmark programs (bench/: make_random_llama, bench_memory), which have no command
        {":hidden", {"H", "hidden size of the random model (bench_memory: default 2048)", "a whole number"}},
        {":intermediate", {"I", "MLP width of the random model (bench_memory: default 5504)", "a whole number"}},
        {":heads", {"A", "attention heads of the random model (bench_memory: default 16)", "a whole number"}},
        {":kv-heads", {"A", "key/value heads (default: --heads)", "a whole number"}},
        {":layers",
         {"N[,M...]", "decoder layers of the random model; bench_memory: the layer counts to compare (default 2,4)",
          ""}},
        {":tokenizer-from",
         {"DIR", "copy tokenizer.model from this model folder (default resources/demo/stories260k)", ""}},
        {":dtype",
         {"TYPE",
          "float32, float64, bfloat16 or float16: the compute dtype (default float32), or in make_random_llama "
          "and bench_memory the random weights' (default float32 and bfloat16)",
          ""}},
        {":mode", {"M", "session: calibrate through the workbench's store; memory: the in-memory calibrator", ""}},
        {":cache", {"DIR", "the folder of the temporary store (default: the system's temporary folder)", ""}},
        {":seed", {"S", "seed of the random weights", "an integer"}},
        {":check", {"", "exit with status 1 when a peak exceeds 1.10 x the first count's + the extra weights", ""}},
        {":keep", {"", "keep the work folder (models, stores) instead of removing it", ""}},
        {":work", {"DIR", "the work folder (default: a new temporary folder)", ""}},
        {":eval-window", {"W", "tokens per evaluation window (default 1024)", "a whole number of tokens"}},
        {":eval-windows", {"K", "evaluation windows (default 2)", "a positive whole number"}},
        {":target-layers", {"N", "layers of the model to extrapolate to (default 32)", "a whole number"}},
        {":target-windows", {"N", "calibration windows to extrapolate to (default 256)", "a whole number"}},
        {":target-seq-len", {"L", "calibration window length to extrapolate to (default 2048)", "a whole number"}},
    };
    return t;
}

}  // namespace

OptionHelp optionHelp(const std::string& command, const std::string& name) {
    const auto& t = table();
    if (const auto it = t.find(command + ":" + name); it != t.end()) return it->second;
    if (const auto it = t.find(name); it != t.end()) return it->second;
    return {"VALUE", "", ""};
}

}  // namespace basislab::cli
