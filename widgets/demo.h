// The bundled demo: the stories260k tiny Llama (resources/demo/stories260k) and its text. The
// model folder is looked up at run time; the demo text comes from the Qt resource file and is
// written to the cache folder once, because the core reads texts from paths.
#pragma once

#include <QString>

namespace basislab::gui::demo {

/// The demo model folder, or an empty string when it cannot be found. Looked up in this order:
/// $BASISLAB_DEMO_DIR/stories260k, <exe>/../share/basislab/demo/stories260k,
/// <exe>/demo/stories260k, and the source tree the program was built from.
QString modelDir();

/// Whether `dir` holds the bundled demo model, recognised by content wherever the folder is: its
/// config.json and model.safetensors have the SHA-256 of the bundled files.
bool isDemoModel(const QString& dir);

/// SHA-256 (hex) of the bundled demo's config.json and model.safetensors.
extern const char* const kConfigSha256;
extern const char* const kWeightsSha256;

/// The demo text (TinyStories-valid.txt) as a file on disk. Throws nothing; returns an empty
/// string when it cannot be written.
QString textPath();

}  // namespace basislab::gui::demo
