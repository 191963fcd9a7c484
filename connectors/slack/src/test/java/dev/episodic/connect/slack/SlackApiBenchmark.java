package dev.episodic.connect.slack;

import dev.episodic.connect.common.testkit.slack.FakeSlack;
import dev.episodic.connect.common.testkit.slack.FakeTs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * API-call frugality against the fake Slack: {@code channels} channels, {@code messages} messages in all, a share of
 * them replies in threads (5 replies per thread). Prints API calls per 1,000 events against the floor (history pages
 * plus one replies call per thread) and the calls one idle round costs per channel (head rounds and edits-window pass
 * steps alike). Run by bench/run.sh.
 */
public final class SlackApiBenchmark {
    private SlackApiBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        int channels = Integer.parseInt(args[0]);
        int messages = Integer.parseInt(args[1]);
        double threadShare = Double.parseDouble(args[2]);
        int pageSize = Integer.parseInt(args[3]);
        String editsWindow = args[4];
        String editsIntervalMs = args.length > 5 ? args[5] : "300000";
        int repliesPerThread = 5;
        // Back-dated by a week, inside thread.watch, outside the default edits window (the backfill case).
        try (FakeSlack slack = new FakeSlack(Instant.now().minus(Duration.ofDays(6)))) {
            List<Channel> all = new ArrayList<>();
            for (int c = 0; c < channels; c++) {
                all.add(new Channel("C" + c, "channel-" + c));
                slack.channel("C" + c, "channel-" + c);
            }
            for (int u = 0; u < 50; u++) {
                slack.user("U" + u, "User " + u);
            }
            int replies = (int) Math.round(messages * threadShare);
            int threads = replies / repliesPerThread;
            int topLevel = messages - replies;
            long floorHistory = 0;
            int perChannel = topLevel / channels;
            for (int c = 0; c < channels; c++) {
                int count = c < channels - 1 ? perChannel : topLevel - perChannel * (channels - 1);
                floorHistory += (count + pageSize - 1) / pageSize;
                int threadsHere = c < channels - 1 ? threads / channels : threads - (threads / channels) * (channels - 1);
                int stride = Math.max(1, count / Math.max(1, threadsHere));
                int made = 0;
                for (int i = 0; i < count; i++) {
                    FakeTs ts = slack.post("C" + c, "U" + (i % 50), "message " + i + " in channel " + c);
                    if (made < threadsHere && i % stride == 0) {
                        for (int r = 0; r < repliesPerThread; r++) {
                            slack.reply("C" + c, ts, "U" + ((i + r + 1) % 50), "reply " + r);
                        }
                        made++;
                    }
                }
            }
            long floor = floorHistory + threads;
            Map<String, String> props = new HashMap<>();
            props.put(SlackConfig.PAGE_SIZE, Integer.toString(pageSize));
            props.put(SlackConfig.EDITS_WINDOW, editsWindow);
            props.put(SlackConfig.EDITS_INTERVAL_MS, editsIntervalMs);
            props.put(SlackConfig.REQUESTS_PER_MINUTE, "10000");
            props.put("batch.max.events", "2000");
            props.put("poll.interval.ms", "2000");
            try (BenchmarkDriver task = new BenchmarkDriver(slack, all, props)) {
                long started = System.nanoTime();
                long events = task.drainUntil(messages, Duration.ofMinutes(30));
                double seconds = (System.nanoTime() - started) / 1e9;
                long calls = slack.totalCalls();
                long users = slack.calls("users.info");
                System.out.printf(Locale.ROOT, "events=%d in %.1f s (%.0f/s)%n", events, seconds, events / seconds);
                System.out.printf(Locale.ROOT, "calls=%d (history=%d replies=%d users.info=%d) floor=%d "
                                + "(history pages=%d + threads=%d)%n", calls, slack.calls("conversations.history"),
                        slack.calls("conversations.replies"), users, floor, floorHistory, threads);
                System.out.printf(Locale.ROOT, "calls per 1000 events=%.2f floor per 1000 events=%.2f ratio=%.3f "
                                + "(ratio without users.info=%.3f)%n", calls * 1000.0 / events, floor * 1000.0 / events,
                        (double) calls / floor, (double) (calls - users) / floor);
                long callsBefore = slack.totalCalls();
                long roundsBefore = task.task().rounds();
                long stepsBefore = task.task().passSteps();
                long passesBefore = task.task().passes();
                long idleEvents = task.pollFor(Duration.ofSeconds(12));
                long idleRounds = task.task().rounds() - roundsBefore;
                long idleCalls = slack.totalCalls() - callsBefore;
                System.out.printf(Locale.ROOT, "idle: %d channel rounds cost %d calls = %.2f calls per channel round "
                                + "(%d events; %d of those rounds were edits-window pass steps, %d passes ended)%n",
                        idleRounds, idleCalls, idleRounds == 0 ? Double.NaN : (double) idleCalls / idleRounds,
                        idleEvents, task.task().passSteps() - stepsBefore, task.task().passes() - passesBefore);
                System.out.printf(Locale.ROOT, "largest offset: %d characters%n", task.largestOffsetChars());
            }
        }
    }
}
