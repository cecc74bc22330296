// The test-support library's one translation unit: the Q_OBJECT classes of its headers
// (TestClient, TcpProxy) get their moc code compiled here, once, instead of in every test.
// The fixtures (serverfixture.h, chatwindowfixture.h, hostile.h) are inline and need the
// libraries they fixture: a test links those itself.
#include "rawclient.h"
#include "tcpproxy.h"
#include "testclient.h"
