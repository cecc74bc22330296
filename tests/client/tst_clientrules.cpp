// The client's rules without a server: links, mentions, reconnection delays, typing expiry.
#include "backoff.h"
#include "textrules.h"
#include "typingtracker.h"

#include <QSignalSpy>
#include <QtTest>

using namespace chat::client;

class ClientRulesTest : public QObject
{
    Q_OBJECT
private slots:
    void links_data();
    void links();
    void html_data();
    void html();
    void mentions_data();
    void mentions();
    void controlCharactersAreDropped();
    void backoffGrowsWithJitterUpToTheCap();
    void backoffResets();
    void typingExpiresOnItsOwn();
    void typingText_data();
    void typingText();
};

void ClientRulesTest::links_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("links");
    QTest::newRow("none") << "just words" << QStringList{};
    QTest::newRow("http") << "see http://example.org/a?b=1 now"
                          << QStringList{"http://example.org/a?b=1"};
    QTest::newRow("https, sentence end")
        << "read https://qt.io/docs." << QStringList{"https://qt.io/docs"};
    QTest::newRow("in parentheses") << "(https://en.wikipedia.org/wiki/Qt_(software))"
                                    << QStringList{"https://en.wikipedia.org/wiki/Qt_(software)"};
    QTest::newRow("mailto") << "write to mailto:ops@example.org, please"
                            << QStringList{"mailto:ops@example.org"};
    QTest::newRow("two") << "http://a.example and https://b.example!"
                         << QStringList{"http://a.example", "https://b.example"};
    QTest::newRow("upper-case scheme")
        << "HTTPS://EXAMPLE.ORG" << QStringList{"HTTPS://EXAMPLE.ORG"};
    QTest::newRow("javascript is not a link") << "javascript:alert(1)" << QStringList{};
    QTest::newRow("file is not a link") << "file:///etc/passwd" << QStringList{};
    QTest::newRow("data is not a link") << "data:text/html,<script>x</script>" << QStringList{};
    QTest::newRow("no host") << "http:// nothing" << QStringList{};
    QTest::newRow("quote ends it")
        << R"(a "https://x.example/q" b)" << QStringList{"https://x.example/q"};
}

void ClientRulesTest::links()
{
    QFETCH(QString, text);
    QFETCH(QStringList, links);
    QStringList found;
    for (const textrules::Link &link : textrules::findLinks(text)) {
        found << text.mid(link.start, link.length);
        QVERIFY(textrules::isSafeLink(link.url));
    }
    QCOMPARE(found, links);
}

void ClientRulesTest::html_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("html");
    QTest::newRow("markup is text") << "<b>hi</b> & <script>"
                                    << "&lt;b&gt;hi&lt;/b&gt; &amp; &lt;script&gt;";
    QTest::newRow("line breaks") << "a\nb"
                                 << "a<br>b";
    QTest::newRow("link")
        << "go https://qt.io/x?a=1&b=2 now"
        << R"(go <a href="https://qt.io/x?a=1&amp;b=2">https://qt.io/x?a=1&amp;b=2</a> now)";
    QTest::newRow("quote in a link cannot break out")
        << R"(https://e.example/"onclick=x)"
        << R"(<a href="https://e.example/">https://e.example/</a>&quot;onclick=x)";
    QTest::newRow("javascript stays text") << "javascript:alert(1)"
                                           << "javascript:alert(1)";
}

void ClientRulesTest::html()
{
    QFETCH(QString, text);
    QFETCH(QString, html);
    QCOMPARE(textrules::toHtml(text), html);
}

void ClientRulesTest::mentions_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("mentioned");
    QTest::newRow("word") << "hi alice, look"
                          << "alice" << true;
    QTest::newRow("case") << "ALICE?"
                          << "alice" << true;
    QTest::newRow("at") << "@alice thanks"
                        << "alice" << true;
    QTest::newRow("inside a word") << "malice"
                                   << "alice" << false;
    QTest::newRow("prefix of a word") << "alicent"
                                      << "alice" << false;
    QTest::newRow("name with space") << "ask Mary Ann"
                                     << "mary ann" << true;
    QTest::newRow("regex characters") << "thanks a.b+c!"
                                      << "a.b+c" << true;
    QTest::newRow("regex not wildcard") << "thanks axb+c"
                                        << "a.b+c" << false;
    QTest::newRow("unicode") << "merci Zoë"
                             << "zoë" << true;
    QTest::newRow("empty name") << "anything"
                                << "" << false;
    // Inside addresses a name is not a mention.
    QTest::newRow("e-mail address") << "write to zoe@example.com"
                                    << "zoe" << false;
    QTest::newRow("path of a link") << "see https://example.com/zoe/page"
                                    << "zoe" << false;
    QTest::newRow("host of a link") << "http://zoe.example.com is up"
                                    << "zoe" << false;
    QTest::newRow("mailto link") << "mailto:zoe@example.org"
                                 << "zoe" << false;
    QTest::newRow("www address") << "www.zoe.net"
                                 << "zoe" << false;
    QTest::newRow("address, then the name") << "zoe@example.com, zoe: is that yours?"
                                            << "zoe" << true;
    QTest::newRow("at a sentence end") << "thanks, zoe."
                                       << "zoe" << true;
}

void ClientRulesTest::mentions()
{
    QFETCH(QString, text);
    QFETCH(QString, name);
    QFETCH(bool, mentioned);
    QCOMPARE(textrules::mentions(text, name), mentioned);
}

void ClientRulesTest::controlCharactersAreDropped()
{
    QCOMPARE(textrules::withoutControlCharacters("a\u0001b\u0007c\u007f\u0085d"), "abcd");
    QCOMPARE(textrules::withoutControlCharacters("line\r\nnext\ttab"), "line\nnext\ttab");
    QCOMPARE(textrules::withoutControlCharacters("ünïcødé 🙂"), "ünïcødé 🙂");
}

void ClientRulesTest::backoffGrowsWithJitterUpToTheCap()
{
    Backoff backoff(1000, 30'000, 42);
    const int ceilings[] = {1000, 2000, 4000, 8000, 16'000, 30'000, 30'000, 30'000};
    QList<int> delays;
    for (const int ceiling : ceilings) {
        QCOMPARE(backoff.nextCeilingMs(), ceiling);
        const int delay = backoff.nextDelayMs();
        QVERIFY2(delay >= ceiling / 2 && delay <= ceiling, qPrintable(QString::number(delay)));
        delays << delay;
    }
    // Jitter: two clients with different seeds do not retry in lockstep.
    Backoff other(1000, 30'000, 7);
    QList<int> otherDelays;
    for (int i = 0; i < 8; ++i)
        otherDelays << other.nextDelayMs();
    QVERIFY(delays != otherDelays);
}

void ClientRulesTest::backoffResets()
{
    Backoff backoff(1000, 30'000, 1);
    for (int i = 0; i < 5; ++i)
        backoff.nextDelayMs();
    QCOMPARE(backoff.attempts(), 5);
    backoff.reset();
    QCOMPARE(backoff.nextCeilingMs(), 1000);
    QVERIFY(backoff.nextDelayMs() <= 1000);
}

void ClientRulesTest::typingExpiresOnItsOwn()
{
    TypingTracker tracker(100);
    QSignalSpy changed(&tracker, &TypingTracker::changed);
    tracker.typing({"k1", "alice"});
    QCOMPARE(tracker.text(), "\u2068alice\u2069 is typing…");
    QTRY_COMPARE(tracker.text(), QString());
    QCOMPARE(changed.size(), 2);
    tracker.typing({"k1", "alice"});
    tracker.stopped("k1"); // her message arrived
    QCOMPARE(tracker.text(), QString());
}

void ClientRulesTest::typingText_data()
{
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QString>("text");
    QTest::newRow("nobody") << QStringList{} << QString();
    QTest::newRow("one") << QStringList{"alice"} << "\u2068alice\u2069 is typing…";
    QTest::newRow("two") << QStringList{"alice", "bob"}
                         << "\u2068alice\u2069 and \u2068bob\u2069 are typing…";
    QTest::newRow("three") << QStringList{"alice", "bob", "carol"} << "3 people are typing…";
}

void ClientRulesTest::typingText()
{
    QFETCH(QStringList, names);
    QFETCH(QString, text);
    TypingTracker tracker;
    for (const QString &name : names)
        tracker.typing({name + "-key", name});
    QCOMPARE(tracker.text(), text);
}

QTEST_GUILESS_MAIN(ClientRulesTest)
#include "tst_clientrules.moc"
