// Numbers as the workbench shows them: bytes, parameter counts, durations, rates. Locale-aware
// and translated.
#pragma once

#include <QString>

namespace basislab::gui {

QString formatBytes(double bytes);
QString formatCount(qint64 count);
/// "12.3 s", "4 min 05 s", "1 h 02 min"; "—" for a negative (unknown) duration.
QString formatDuration(double seconds);
QString formatRate(double tokens_per_second);
/// A ratio in [0, 1] as a percentage, e.g. "20.0 %".
QString formatPercent(double fraction, int decimals = 1);

}  // namespace basislab::gui
