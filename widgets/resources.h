// Icons and the demo text (resources/basislab.qrc).
#pragma once

namespace basislab::gui {

/// Makes the resources of resources/basislab.qrc available (idempotent).
void initResources();

}  // namespace basislab::gui
