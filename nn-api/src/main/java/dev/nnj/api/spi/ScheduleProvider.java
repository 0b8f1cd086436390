package dev.nnj.api.spi;

import dev.nnj.api.Schedule;
import dev.nnj.api.Spi;

/** Creates {@link Schedule}s, named under an optimizer's {@code schedule} key; listed by {@link NnExtension#schedules()}. */
@Spi
public interface ScheduleProvider extends ComponentProvider<Schedule> {
}
