// The Qt resource file resources/basislab.qrc is compiled into this static library; a static
// library's resources must be initialised explicitly, once, before the first use.
#include "resources.h"

#include <QtGlobal>

static void initBasisLabResources() {
    Q_INIT_RESOURCE(basislab);
}

namespace basislab::gui {

void initResources() {
    static const bool done = (initBasisLabResources(), true);
    Q_UNUSED(done);
}

}  // namespace basislab::gui
