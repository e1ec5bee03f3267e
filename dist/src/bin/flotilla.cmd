@echo off
rem Starts Flotilla with Java 21 or newer: %FLOTILLA_JAVA%, else %JAVA_HOME%\bin\java, else java on PATH.
setlocal
set "HOME_DIR=%~dp0.."
set "JAVA_EXE=%FLOTILLA_JAVA%"
if "%JAVA_EXE%"=="" if not "%JAVA_HOME%"=="" set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"
if "%JAVA_EXE%"=="" set "JAVA_EXE=java"
"%JAVA_EXE%" %FLOTILLA_JAVA_OPTS% -cp "%HOME_DIR%\lib\*" dev.flotilla.cli.Flotilla %*
exit /b %ERRORLEVEL%
