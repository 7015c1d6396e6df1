<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CalibrationPlots</name>
    <message>
        <source>RMS norm √(tr G / N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean squared norm tr G / N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest eigenvalue λ_max(G) / N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frobenius norm ‖G‖_F / N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean |x_j| over channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>attn_in (q, k, v)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>o_in (o)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mlp_in (gate, up)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>down_in (down)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input scale per layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gram eigen-spectrum, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Eigenvalue index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of the trace λ_i / Σλ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Eigenvalue λ_i / N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>α per layer, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>α_l (mean 1 per group)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlanText</name>
    <message>
        <source>Original (uncompressed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plain sum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sum the layers&apos; Grams as they are (plain Basis Sharing).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inverse trace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight each layer by 1/tr(G): every layer&apos;s input energy counts equally.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inverse Frobenius norm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight each layer by 1/||G||_F, the Gram&apos;s Frobenius norm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inverse largest eigenvalue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight each layer by 1/lambda_max(G): its strongest input direction counts equally.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inverse square-root trace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight each layer by 1/sqrt(tr G), halfway between the plain sum and the inverse trace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trace power</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight each layer by tr(G)^-p for your p (p = 1 is the inverse trace).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inverse output energy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight each layer by 1/tr(W^T G W), its output energy; q, k and v may get different whitenings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale-normalised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Divide each layer&apos;s input by its RMS scale and fold the scale into W: invariant to moving scale between RMSNorm and the weights.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basis Sharing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Truncated SVD of each weight; the calibration is not used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ASVD: scales input channels by their mean activation before the SVD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FWSVD: weights the rows by Fisher information (calibrate with Fisher diagonals).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SVD-LLM: whitens each layer with its own calibration Gram.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basis Sharing: one whitened basis shared by a group of consecutive layers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (p = %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caution: the Basis Sharing paper found that sharing W_O across layers raised its loss; compare against sharing q, k, v, gate, up only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caution: the Basis Sharing paper shares only q, k, v, gate and up; compare against that before sharing W_Down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uniform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By error curves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every group of a matrix type gets the same rank from the ratio.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ranks per group chosen to minimise the summed whitened error at the uniform plan&apos;s parameter count.</source>
        <translation></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deviated inputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compensate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the coefficients the factorization gives.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refit each layer&apos;s coefficients on its own Gram with the basis fixed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refit each layer on the inputs it sees once the layers before it are compressed (SVD-LLM).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit each layer&apos;s compressed inputs to its original outputs, correcting earlier layers&apos; errors.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlotExport</name>
    <message>
        <source>Cannot write to the folder of %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the figure %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot replace %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The figure size must be positive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The resolution must be between 10 and 2400 dpi.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The font size must be between 4 and 72 pt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TextFormat</name>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>basislab::gui::CalibrationPage</name>
    <message>
        <source>Calibration Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text files (*.txt *.raw);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 windows × %2 tokens of %3 (%4 tokens per site), %5 on %6 (%7); took %8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No calibration yet: run one on a text, or load a saved one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calibration data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UTF-8 text the calibration windows are cut from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the calibration text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Windows:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of calibration windows N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sequence length:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens per window L, including BOS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shuffle with seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick N random windows of the text with this seed; off: the first N windows in order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed of the window shuffle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale measure:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the size of a site&apos;s input is measured per layer (N: calibration tokens)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Site:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which input&apos;s Gram G = XᵀX to show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Normalised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On: each eigenvalue&apos;s share of the trace; off: eigenvalues divided by the tokens N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layers whose spectra are drawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spectrum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per-layer input scale of each site, log scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Eigenvalues of the Gram of chosen layers, log scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No calibration yet: run or load one to see the input scale per layer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No calibration yet: run or load one to see the Gram spectra.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calibration failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot load the calibration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save the calibration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calibration cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calibration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a text file to calibrate on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load Calibration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calibrations (*.h5 *.hdf5);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Calibration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calibrations (*.h5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also accumulate Fisher diagonals (for FWSVD; slower)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradients of the language-model loss per weight, needed by the FWSVD method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calibrate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the model over the windows on the worker thread and accumulate the Grams (Ctrl+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load a saved calibration (HDF5) of this model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the calibration as an HDF5 file (readable with h5py)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matrix type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whose input Grams weigh the layers: q, k, v read attn_in, o reads o_in, gate and up read mlp_in, down reads down_in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layers per group:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many consecutive layers share a basis (all: one group); α is normalised to mean 1 within each group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No calibration yet: run or load one to see the α each form gives.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>α per layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The layer weights α_l of the input scale calibration forms (inverse output energy needs the weights: see its effect in step 3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calibration Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HDF5 calibrations (*.h5);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a temporary file in the cache folder, removed unless you save it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The HDF5 file the Grams are written to, layer by layer; the workbench reads them from it when it needs them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose where the calibration store is written</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>basislab::gui::CompressionPage</name>
    <message>
        <source>Change group size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change method to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change ratio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change α form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change compressed types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change shared types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing the preview…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Achieved ratio %1 of the compressed matrices · model %2 → %3 parameters (%4 smaller) · preview in %5 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconstruction error per layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relative whitened error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relative Frobenius error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This plan: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This plan: α %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plain Basis Sharing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How each group of weights is factorized</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ratio:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compression ratio: the fraction of the compressed matrices&apos; parameters removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matrix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layers per group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which matrix types are compressed, which share one basis across consecutive layers, and how many layers share it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>α form:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input scale calibration: how the layers of a shared group are weighted in the group&apos;s Gram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The exponent p of the trace power form tr(G)^-p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>whitened (output error on the calibration data)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frobenius (weight error)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whitened: ‖(W − Ŵ)ᵀX‖ relative to ‖WᵀX‖; Frobenius: ‖W − Ŵ‖ relative to ‖W‖</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matrix:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all compressed (mean)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which matrix type&apos;s error to plot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The live error preview needs a model and a calibration (steps 1 and 2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compress the %1 matrices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share one basis for %1 across consecutive layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many consecutive layers share one basis for %1 (the last group may be smaller)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allocate ranks: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allocated ranks: summed squared whitened error %1 (uniform ranks: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank per layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 uniform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ranks:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the parameter budget is spread over the groups and matrix types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ranks appear once the groups are factorised.</source>
        <translation></translation>
    </message>
    <message>
        <source>Update (%1): mean output error %2 → %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change update to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The update needs a model and a calibration (steps 1 and 2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>√ output error on deviated inputs, before the update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>√ output error after the update (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How each layer&apos;s coefficients C_l are fitted once its basis is fixed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run Update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stream the calibration windows through the original and the compressed model and update the coefficients; the output errors are drawn over the preview</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>basislab::gui::EvaluationPage</name>
    <message>
        <source>Evaluation failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text files (*.txt *.raw);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use as Reference for Δ PPL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear Reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove Selected Runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Perplexity against compression ratio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compression ratio (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Perplexity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Runs as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs written to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Runs as LaTeX</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LaTeX (*.tex)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UTF-8 text file to measure perplexity on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the evaluation text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens per window, including BOS (the README&apos;s perplexity protocol)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max windows:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate only the first N windows (all: the whole text)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every evaluation; click a header to sort, right-click to compare or remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the runs table as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LaTeX…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the runs table as a LaTeX (booktabs) table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No runs yet: evaluate to see perplexity against compression ratio.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Original model: perplexity %1 on %2 windows (%3 s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at %2: perplexity %3 (%4 s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compressing needs a calibration: run or load one in step 2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compress the model with the current plan and measure its perplexity on the worker thread (Ctrl+E); the result becomes a row of the runs table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate Original</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measure the perplexity of the uncompressed model (Ctrl+Alt+E), the reference for the compressed runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Original model evaluated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a text file or zero-shot task files to evaluate on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BasisLab&apos;s: [BOS] + W−1 text tokens per window, the remainder dropped, mean over all tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basis Sharing&apos;s: one BOS at the start, windows of W tokens, a last partial window of 2 or more tokens kept, mean over windows of each window&apos;s mean loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SVD-LLM&apos;s: one BOS at the start, windows of W tokens, the remainder dropped, mean over all tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocol:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the text is cut into windows and the losses averaged (the README explains each)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>basislab::gui::ExportDialog</name>
    <message>
        <source>Export Figure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the figure is written; the suffix chooses the format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the file to write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF (vector)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SVG (vector)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG (raster)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (the plotted data)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF and SVG stay sharp at any zoom; PNG is a bitmap at the chosen resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Width of the figure on paper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Height of the figure on paper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit of width and height</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> dpi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolution of PNG images (dots per inch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> pt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Font size of labels, ticks and legend, in points on paper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publication style</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>White background, thin axes, legend inside, no title: ready for a paper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolution:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Font size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF (*.pdf);;SVG (*.svg);;PNG (*.png);;CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>basislab::gui::GridBox</name>
    <message numerus="yes">
        <source>Grid finished: %n run(s) added to the table</source>
        <translation>
            <numerusform>Grid finished: %n run added to the table</numerusform>
            <numerusform>Grid finished: %n runs added to the table</numerusform>
        </translation>
    </message>
    <message>
        <source>Grid failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Grid cancelled; %n finished run(s) kept</source>
        <translation>
            <numerusform>Grid cancelled; %n finished run kept</numerusform>
            <numerusform>Grid cancelled; %n finished runs kept</numerusform>
        </translation>
    </message>
    <message>
        <source>Grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n run(s)</source>
        <translation>
            <numerusform>%n run</numerusform>
            <numerusform>%n runs</numerusform>
        </translation>
    </message>
    <message>
        <source>invalid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ratios:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compression ratios of the grid, comma-separated, each in [0, 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>α forms:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>α forms of the grid, comma-separated (none, inv-trace, inv-fro, inv-max-eig, inv-sqrt-trace, inv-output, normalised, power:p); Basis Sharing only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group sizes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layers per shared basis, comma-separated; 1 runs once per ratio (α has no effect)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run Grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compress and evaluate every plan of the grid (the current plan with each ratio, α form and group size) as one job; each run becomes a row of the table</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>basislab::gui::JobPanel</name>
    <message>
        <source>Cancelled after %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed after %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%p% · layer %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%p%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ETA %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the running job (Esc); nothing half-done is kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress of the running job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Throughput so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimated time left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%p% · run %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>basislab::gui::MainWindow</name>
    <message>
        <source>Cannot open the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calibrating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the calibration…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1  Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2  Calibration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3  Compression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>4  Evaluation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a model and choose where it computes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run or load a calibration and look at input scales and spectra</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the method, ratio, groups and α form, with a live error preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measure perplexity and compare runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The compression pipeline, step by step (Ctrl+1 … Ctrl+4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;New here?&lt;/b&gt; Open the bundled demo model (stories260k, a tiny Llama) with its text, and walk through the whole pipeline in a minute on a laptop CPU.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Demo Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the bundled stories260k model and its demo text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide this offer; the demo stays in the File menu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job running on the worker thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent &amp;Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent &amp;Sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a Hugging Face Llama model folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Demo Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the bundled stories260k model with its demo text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Session…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore a saved session: model, calibration, plan and runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the model, calibration, plan and runs as a session file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Session &amp;As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the session under a new name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export All Figures…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write every plot as PNG, PDF and SVG (and CSV) to a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the workbench; a running job is cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language, CPU threads and resets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel Job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the running job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Calibration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Com&amp;pression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;valuation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to step %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About BasisLab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What BasisLab is and how to use it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Qt version in use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bundled demo model (resources/demo/stories260k) was not found. Set BASISLAB_DEMO_DIR to the folder that holds stories260k.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened %1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the session</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Session opened with %n warning(s); see the log</source>
        <translation>
            <numerusform>Session opened with %n warning; see the log</numerusform>
            <numerusform>Session opened with %n warnings; see the log</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot save the session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Model Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BasisLab sessions (*.blsession);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BasisLab sessions (*.blsession)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export All Figures To</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n file(s) to %1</source>
        <translation>
            <numerusform>Wrote %n file to %1</numerusform>
            <numerusform>Wrote %n files to %1</numerusform>
        </translation>
    </message>
    <message>
        <source>About BasisLab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;BasisLab %1&lt;/h3&gt;&lt;p&gt;A workbench for compressing Llama models by low-rank SVD with cross-layer &lt;b&gt;basis sharing&lt;/b&gt;, and for studying why layer-wise input scale calibration helps.&lt;/p&gt;&lt;p&gt;Work through the steps on the left: open a model, calibrate it on a text, choose a compression plan while the reconstruction error updates live, and evaluate perplexity. Every plot exports to PDF, SVG and PNG; sessions keep everything for later.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session has unsaved changes. Save them first?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calibration saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot load the session&apos;s calibration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluating the original model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compressing and evaluating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving the calibration…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving the session…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Calibrate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run a calibration with the settings of step 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Evaluate Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compress with the current plan and measure perplexity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate &amp;Original Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measure the perplexity of the uncompressed model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calibration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The calibration file %1 has changed since the session was saved: it holds another calibration of this model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calibrated in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loaded the calibration %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving the session to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluating a grid of plans…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updating the coefficients on deviated inputs…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The calibration (%1) is larger than %2: the session links it instead of embedding it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The calibration is moved from the cache folder to %1 beside the session.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>basislab::gui::ModelPage</name>
    <message>
        <source>No model is open. Open a Hugging Face Llama folder (Ctrl+O), drop one here, or try the bundled demo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Architecture:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hidden size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Intermediate size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attention heads:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (key/value %2, head dim %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vocabulary:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max positions:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tied embeddings:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1, %2 in %n file(s)</source>
        <translation>
            <numerusform>%1, %2 in %n file</numerusform>
            <numerusform>%1, %2 in %n files</numerusform>
        </translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 as float32, %2 as bfloat16</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokenizer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tokenizer.model (SentencePiece)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>embedding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lm_head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>norms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a Hugging Face Llama folder (config.json, safetensors, tokenizer.model)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Demo Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the bundled stories260k tiny Llama: the whole pipeline runs in a minute on a CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute dtype:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where LibTorch computes: the CPU or one of the CUDA devices it sees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Precision of the forward pass; float16 needs a CUDA device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matrix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shape per layer (d_in × d_out)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameter counts per matrix type, summed over all layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>memory unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 total, %2 free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chosen device&apos;s memory when the workbench started: the host&apos;s for the CPU, the GPU&apos;s for CUDA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (CPU)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 windows × %2 tokens (the Calibration step&apos;s settings)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host memory: %1 (weights %2 + working set %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device memory: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disk: %1 for the calibration store (a temporary file in the cache folder until you save it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calibration job (estimate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What calibrating with the current settings needs, from the model&apos;s shapes: a calibration that would not fit on the disk is refused before it starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disk: %1 for the calibration store %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>basislab::gui::PlotView</name>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export this plot as a figure (PDF, SVG, PNG) or its data as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Figure or Data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag to pan, scroll to zoom; right-click for export</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>basislab::gui::RunsTableModel</name>
    <message>
        <source>%1, window %2 × %3 windows, %4 (%5), finished %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ratio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Achieved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>α form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PPL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Δ PPL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target compression ratio: the fraction of projection parameters removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compression ratio the plan actually reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matrix types that share one basis, and how many layers share it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean relative reconstruction error over layers and matrix types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wall time of the evaluation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Perplexity of compressed models.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Mean zero-shot accuracy over the %n task(s) this run scored</source>
        <translation>
            <numerusform>Mean zero-shot accuracy over the %n task this run scored</numerusform>
            <numerusform>Mean zero-shot accuracy over the %n tasks this run scored</numerusform>
        </translation>
    </message>
    <message>
        <source>This run did not score %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: acc %2 ± %3 on %4 documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, acc_norm %1 ± %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 acc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean acc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Perplexity difference to the reference run (right-click a run to make it the reference); only between runs of the same protocol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The perplexity protocol: basislab, basis-sharing or svd-llm (see the README)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zero-shot accuracy (%) on %1, scored as lm-evaluation-harness 0.4.3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean zero-shot accuracy (%) over the tasks a run scored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>basislab::gui::SettingsDialog</name>
    <message>
        <source>Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System default (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language of the user interface; it changes at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU threads LibTorch computes with; applies when a model is next opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the recent models and sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empties the File ▸ Recent menus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offer the demo model again at the next start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows the demo banner again when the workbench starts without a model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU threads:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Embed the calibration in saved sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On: a session is one self-contained file (large for big models); off: it links the calibration file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>basislab::gui::StatusIndicator</name>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device: %1   Memory: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the open model computes, and the memory this process uses (resident set size)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>   Device memory in use: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>basislab::gui::ZeroShotBox</name>
    <message>
        <source>Zero-shot Task Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON Lines task files (*.jsonl);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zero-shot Accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none: perplexity only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON Lines task files separated by &apos;;&apos; (see the README). Every evaluation also scores them as lm-evaluation-harness 0.4.3 does; their accuracies become columns of the runs table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose one or more task files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score no zero-shot tasks</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
