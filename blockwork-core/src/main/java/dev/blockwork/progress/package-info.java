/** Console progress reporting, fed by scheduler events (see {@link dev.blockwork.schedule.SchedulerListener}). */
package dev.blockwork.progress;
