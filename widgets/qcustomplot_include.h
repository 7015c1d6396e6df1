// Includes QCustomPlot. BasisLab builds its Qt code with QT_NO_KEYWORDS (Qt's `signals`/`slots`
// macros break the torch headers), but qcustomplot.h is written with those keywords and `foreach`,
// so they are defined around this one include only.
#pragma once

#define signals Q_SIGNALS
#define slots Q_SLOTS
#define emit Q_EMIT
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef signals
#undef slots
#undef emit
#undef foreach
