package io.scheduledreports.core.internal;

import io.scheduledreports.core.ScheduleRequest;
import io.scheduledreports.core.ScheduleStatus;
import io.scheduledreports.core.ScheduleWarning;
import io.scheduledreports.core.ScheduleWarning.Code;
import io.scheduledreports.core.calendar.HolidayCalendars;
import io.scheduledreports.core.internal.Rows.ScheduleRow;
import io.scheduledreports.core.schedule.Cadence;
import io.scheduledreports.core.schedule.ScheduleSpec;
import io.scheduledreports.spi.Recipient;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The warnings of a schedule request (never blocking): daylight-saving gaps and overlaps its runs meet in the next
 * year, another active schedule of the same owner that looks the same, monthly days that shorter months lack.
 */
final class Warnings {

    /** How far ahead daylight-saving changes are looked for. */
    static final Duration HORIZON = Duration.ofDays(366);

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter HH_MM_ZONE = DateTimeFormatter.ofPattern("HH:mm zzz", Locale.ENGLISH);

    private Warnings() {}

    /** All warnings: the schedule's own, then possible duplicates among the owner's active schedules. */
    static List<ScheduleWarning> of(
            Handle h,
            ScheduleTable scheduleTable,
            RecipientTable recipientTable,
            String tenantId,
            String ownerId,
            ScheduleRequest request,
            String excludedScheduleId,
            HolidayCalendars calendars,
            Instant now) {
        List<ScheduleWarning> warnings = new ArrayList<>(schedule(request.schedule(), calendars, now));
        warnings.addAll(duplicates(h, scheduleTable, recipientTable, tenantId, ownerId, request, excludedScheduleId));
        ExecutionTimeouts.warning(request.timeout()).ifPresent(warnings::add); // issue 24
        return warnings;
    }

    /** Warnings about when the schedule runs. */
    static List<ScheduleWarning> schedule(ScheduleSpec spec, HolidayCalendars calendars, Instant now) {
        List<ScheduleWarning> warnings = new ArrayList<>(daylightSaving(spec, calendars, now));
        shortMonth(spec, now).ifPresent(warnings::add);
        return warnings;
    }

    /**
     * For each clock change of the zone in the next year, the local times the schedule asks for inside the skipped
     * or repeated hour. The local date-times a schedule asks for are its runs computed in UTC (where no clock ever
     * changes), so every cadence, cron and holiday rule is covered by the schedule's own arithmetic.
     */
    static List<ScheduleWarning> daylightSaving(ScheduleSpec spec, HolidayCalendars calendars, Instant now) {
        ZoneId zone = spec.zone();
        ZoneRules rules = zone.getRules();
        if (rules.isFixedOffset()) {
            return List.of();
        }
        Map<String, Object> json = new java.util.LinkedHashMap<>(Json.readMap(spec.toJson()));
        json.put("timezone", "UTC");
        ScheduleSpec wallClock = ScheduleSpec.fromJson(Json.write(json), calendars);
        String field = field(spec);
        List<ScheduleWarning> warnings = new ArrayList<>();
        Instant horizon = now.plus(HORIZON);
        Instant cursor = now;
        for (ZoneOffsetTransition t = rules.nextTransition(cursor);
                t != null && t.getInstant().isBefore(horizon);
                t = rules.nextTransition(t.getInstant())) {
            LocalDateTime from = t.isGap() ? t.getDateTimeBefore() : t.getDateTimeAfter();
            LocalDateTime until = t.isGap() ? t.getDateTimeAfter() : t.getDateTimeBefore();
            List<LocalDateTime> hits = new ArrayList<>();
            for (Instant run : wallClock.nextRuns(from.toInstant(ZoneOffset.UTC).minusSeconds(1), 100)) {
                LocalDateTime local = LocalDateTime.ofInstant(run, ZoneOffset.UTC);
                if (!local.isBefore(until)) {
                    break;
                }
                hits.add(local);
            }
            if (hits.isEmpty()) {
                continue;
            }
            LocalDateTime first = hits.get(0);
            String more = hits.size() > 1 ? " (and " + (hits.size() - 1) + " more runs in that hour)" : "";
            if (t.isGap()) {
                ZonedDateTime actual = ZonedDateTime.ofLocal(first, zone, null);
                warnings.add(new ScheduleWarning(
                        Code.DST_GAP,
                        HH_MM.format(first) + " does not exist on " + first.toLocalDate() + " in " + zone.getId()
                                + "; runs at " + HH_MM_ZONE.format(actual) + more,
                        field));
            } else {
                ZonedDateTime earlier = ZonedDateTime.ofLocal(first, zone, t.getOffsetBefore());
                warnings.add(new ScheduleWarning(
                        Code.DST_OVERLAP,
                        HH_MM.format(first) + " occurs twice on " + first.toLocalDate() + " in " + zone.getId()
                                + "; runs once, at the first " + HH_MM_ZONE.format(earlier) + more,
                        field));
            }
        }
        return warnings;
    }

    /** Monthly on day 29, 30 or 31: the next month that lacks the day is named. */
    static java.util.Optional<ScheduleWarning> shortMonth(ScheduleSpec spec, Instant now) {
        if (spec.cadence() != Cadence.MONTHLY || spec.dayOfMonth().isEmpty()) {
            return java.util.Optional.empty();
        }
        int day = spec.dayOfMonth().getAsInt();
        if (day < 29) {
            return java.util.Optional.empty();
        }
        YearMonth month = YearMonth.from(LocalDate.ofInstant(now, spec.zone()));
        while (month.lengthOfMonth() >= day) {
            month = month.plusMonths(1);
        }
        return java.util.Optional.of(new ScheduleWarning(
                Code.SHORT_MONTH,
                "day " + day + " does not exist in every month: runs on the last day in shorter months (e.g. "
                        + month.atEndOfMonth() + ")",
                "schedule.day_of_month"));
    }

    /**
     * Active schedules of the same owner with the same report type, parameters and format and a recipient in common
     * (or both without recipients).
     */
    static List<ScheduleWarning> duplicates(
            Handle h,
            ScheduleTable scheduleTable,
            RecipientTable recipientTable,
            String tenantId,
            String ownerId,
            ScheduleRequest r,
            String excludedScheduleId) {
        Map<String, Object> params = Json.readMap(Json.write(r.reportParams()));
        List<ScheduleWarning> warnings = new ArrayList<>();
        List<ScheduleRow> candidates =
                scheduleTable
                        .listSchedules(h, tenantId, ownerId, null, ScheduleStatus.ACTIVE, r.reportType(), 0, 200)
                        .stream()
                        .filter(other -> !other.id().equals(excludedScheduleId)
                                && other.outputFormat().equals(r.outputFormat())
                                && Json.readMap(other.reportParams()).equals(params))
                        .toList();
        // one statement for every candidate's recipients (a query per candidate made a create cost up to 200 more)
        Map<String, List<Recipient>> recipients = recipientTable.recipientsOf(
                h, candidates.stream().map(ScheduleRow::id).toList());
        for (ScheduleRow other : candidates) {
            List<Recipient> theirs = recipients.getOrDefault(other.id(), List.of());
            List<Recipient> common = r.recipients().stream()
                    .filter(mine -> theirs.stream().anyMatch(mine::sameAddress))
                    .toList();
            if (common.isEmpty() && !(theirs.isEmpty() && r.recipients().isEmpty())) {
                continue;
            }
            String to = common.isEmpty()
                    ? "with no recipients"
                    : "to "
                            + String.join(
                                    ", ",
                                    common.stream()
                                            .map(x -> x.channel() + ":" + x.destination())
                                            .toList());
            warnings.add(new ScheduleWarning(
                    Code.POSSIBLE_DUPLICATE,
                    "schedule '" + other.name() + "' (" + other.id() + ") of the same owner already sends report '"
                            + r.reportType() + "' with the same parameters as " + r.outputFormat() + " " + to,
                    common.isEmpty() ? "report_type" : "recipients"));
        }
        return warnings;
    }

    private static String field(ScheduleSpec spec) {
        return switch (spec.cadence()) {
            case CRON -> "schedule.cron_expression";
            case ONCE -> "schedule.run_at";
            default -> "schedule.time";
        };
    }
}
