// windowed.hpp — the ticket desk in a real window (GLFW + OpenGL 3), recorded by the plugin.
#pragma once

#include "semtrace/semtrace.hpp"
#include "ticket_desk.hpp"

// Runs until the window closes, File > Quit, or `frames` frames (when not negative).
int run_windowed(ticket_desk::App& app, semtrace::Recorder& recorder, int frames);
